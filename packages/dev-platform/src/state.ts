import type { AccessTokenStore } from "./accessTokens.js";
import type { ClientRegistry } from "./clients.js";
import type { Directory } from "./directory.js";
import type { EphemeralStore, ReplayGuard } from "./ephemeralStore.js";
import type { FaultInjector } from "./faults.js";
import type { Gradebook } from "./gradebook.js";
import type { CanvasRateLimit, RequestLog } from "./serviceTraffic.js";
import type { PlatformKeyring } from "./platformKeys.js";
import type { ToolKeyCache } from "./toolKeys.js";
import type { ContentItem, MessageType, Placement, QuirkMode } from "./types.js";
import type { PlatformUrls } from "./urls.js";

/** What a login initiation asked for, kept behind the opaque lti_message_hint. */
export interface LaunchIntent {
  clientId: string;
  userId: string;
  courseId: string;
  resourceLinkId?: string;
  messageType: MessageType;
  targetLinkUri: string;
  custom?: Record<string, string>;
}

/** Where a deep-linking request came from, kept behind the opaque `data` value. */
export interface DeepLinkSession {
  clientId: string;
  courseId: string;
  userId: string;
}

/** Everything the platform's routes share; one per createDevPlatform call. */
export interface PlatformState {
  urls: PlatformUrls;
  quirks: QuirkMode;
  pageSize: number;
  directory: Directory;
  gradebook: Gradebook;
  clients: ClientRegistry;
  keys: PlatformKeyring;
  toolKeys: ToolKeyCache;
  accessTokens: AccessTokenStore;
  faults: FaultInjector;
  requestLog: RequestLog;
  rateLimit: CanvasRateLimit;
  messageHints: EphemeralStore<LaunchIntent>;
  deepLinkSessions: EphemeralStore<DeepLinkSession>;
  registrationTokens: EphemeralStore<{ issuedAt: number }>;
  /** Client-assertion jti values and deep-linking nonces already used. */
  replays: ReplayGuard;
  received: ContentItem[];
  placements: Placement[];
}
