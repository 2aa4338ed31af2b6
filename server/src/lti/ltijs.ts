import { createRequire } from "node:module";

// The only place ltijs is loaded. It ships no types; this is the part of its API we use.
const require = createRequire(import.meta.url);
const ltijs = require("ltijs") as { Provider: object };

/** ltijs's platform object, as far as we use it. */
export interface LtijsPlatform {
  platformId(): Promise<string>;
  platformKid(): Promise<string>;
  platformClientId(): Promise<string>;
  platformPrivateKey(): Promise<string>;
  platformAccessTokenEndpoint(): Promise<string>;
  platformAuthorizationServer(): Promise<string>;
  platformActive(active?: boolean): Promise<boolean>;
}

/** ltijs's Provider, as far as we use it. */
export interface LtijsProvider {
  app: import("express").Express;
  setup(key: string, database: { url: string }, options: Record<string, unknown>): LtijsProvider;
  deploy(options: { serverless: true; silent: boolean }): Promise<boolean>;
  close(options?: { silent: boolean }): Promise<boolean>;
  onConnect(
    cb: (token: unknown, req: import("express").Request, res: import("express").Response, next: () => void) => unknown,
  ): void;
  onDeepLinking(
    cb: (token: unknown, req: import("express").Request, res: import("express").Response, next: () => void) => unknown,
  ): void;
  onInvalidToken(cb: (req: import("express").Request, res: import("express").Response) => unknown): void;
  onSessionTimeout(cb: (req: import("express").Request, res: import("express").Response) => unknown): void;
  onUnregisteredPlatform(cb: (req: import("express").Request, res: import("express").Response) => unknown): void;
  onInactivePlatform(cb: (req: import("express").Request, res: import("express").Response) => unknown): void;
  registerPlatform(p: {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authConfig: { method: "JWK_SET"; key: string };
  }): Promise<LtijsPlatform>;
  getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
}

/**
 * A fresh ltijs Provider. ltijs exports a singleton; we build our own instance from its class
 * so that several apps (tests, a restart in-process) can each have one.
 */
export function newLtijsProvider(): LtijsProvider {
  const ProviderClass = (ltijs.Provider as { constructor: new () => LtijsProvider }).constructor;
  return new ProviderClass();
}
