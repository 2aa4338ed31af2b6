import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { forbidden, unauthorized } from "./errors.js";
import type { IssuedAccessToken } from "./types.js";

/** The grant a bearer token carries, put on res.locals for service routes. */
export interface AccessGrant extends IssuedAccessToken {
  token: string;
}

/** OAuth2 access tokens the token endpoint handed out. */
export class AccessTokenStore {
  private readonly tokens = new Map<string, AccessGrant>();

  constructor(private readonly ttlSeconds: number) {}

  get ttl(): number {
    return this.ttlSeconds;
  }

  issue(clientId: string, scopes: string[]): AccessGrant {
    this.prune();
    const token = randomBytes(32).toString("base64url");
    const grant = { token, clientId, scopes, expiresAt: Date.now() + this.ttlSeconds * 1000 };
    this.tokens.set(token, grant);
    return grant;
  }

  find(token: string): AccessGrant | undefined {
    const grant = this.tokens.get(token);
    return grant && grant.expiresAt > Date.now() ? grant : undefined;
  }

  issued(): IssuedAccessToken[] {
    return [...this.tokens.values()].map(({ clientId, scopes, expiresAt }) => ({ clientId, scopes, expiresAt }));
  }

  /** Lets tests make every token stale at once instead of waiting for the TTL. */
  expireAll(): void {
    const now = Date.now();
    for (const grant of this.tokens.values()) grant.expiresAt = Math.min(grant.expiresAt, now - 1);
  }

  /**
   * Requires a live bearer token carrying at least one of the scopes: 401 without a usable
   * token, 403 when the token lacks the scope.
   */
  require(anyOf: string[]): RequestHandler {
    return (req, res, next) => {
      const header = req.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return next(unauthorized("An access token is required (Authorization: Bearer …)"));
      const grant = this.find(match[1]);
      if (!grant) return next(unauthorized("The access token is unknown or has expired"));
      if (!grant.scopes.some((scope) => anyOf.includes(scope))) {
        return next(forbidden(`The access token lacks the scope for this request (one of: ${anyOf.join(", ")})`));
      }
      res.locals.devPlatformGrant = grant;
      next();
    };
  }

  private prune(): void {
    if (this.tokens.size < 10_000) return;
    const now = Date.now();
    for (const [token, grant] of this.tokens) if (grant.expiresAt <= now) this.tokens.delete(token);
  }
}
