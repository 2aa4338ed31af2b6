import { ALL_SERVICE_SCOPES } from "./vocabulary.js";
import { sameEndpoint } from "./urls.js";

/** A tool installed in the platform: the one configured up front, or one that registered itself. */
export interface ToolClient {
  clientId: string;
  deploymentId: string;
  name: string;
  loginUrl: string;
  launchUrl: string;
  deepLinkUrl?: string;
  jwksUrl: string;
  redirectUris: string[];
  /** Service scopes the tool may be granted. */
  scopes: string[];
  /** The tool configuration it sent at dynamic registration, echoed back with our deployment id. */
  toolConfiguration?: unknown;
}

/** The tools the platform knows, by client id. */
export class ClientRegistry {
  private readonly clients = new Map<string, ToolClient>();

  constructor(readonly primary: ToolClient) {
    this.clients.set(primary.clientId, primary);
  }

  add(client: ToolClient): void {
    this.clients.set(client.clientId, client);
  }

  get(clientId: string | undefined): ToolClient | undefined {
    return clientId === undefined ? undefined : this.clients.get(clientId);
  }

  registered(): ToolClient[] {
    return [...this.clients.values()].filter((c) => c !== this.primary);
  }
}

export function primaryClient(p: {
  clientId: string;
  deploymentId: string;
  tool: { loginUrl: string; launchUrl: string; jwksUrl: string; deepLinkUrl?: string };
}): ToolClient {
  return {
    clientId: p.clientId,
    deploymentId: p.deploymentId,
    name: "Mentor Pathways",
    loginUrl: p.tool.loginUrl,
    launchUrl: p.tool.launchUrl,
    deepLinkUrl: p.tool.deepLinkUrl,
    jwksUrl: p.tool.jwksUrl,
    redirectUris: [p.tool.launchUrl, ...(p.tool.deepLinkUrl ? [p.tool.deepLinkUrl] : [])],
    scopes: ALL_SERVICE_SCOPES,
  };
}

export function isAllowedRedirect(client: ToolClient, redirectUri: string): boolean {
  return client.redirectUris.some((allowed) => sameEndpoint(allowed, redirectUri));
}
