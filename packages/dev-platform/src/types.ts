import type { Router } from "express";

/** Which real LMS's grade-passback habits the development platform imitates. */
export type QuirkMode = "standard" | "moodle" | "canvas" | "blackboard" | "d2l";

export type MessageType = "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";

/** Where the tool listens, as the platform was told when the tool was installed. */
export interface ToolUrls {
  loginUrl: string;
  launchUrl: string;
  jwksUrl: string;
  deepLinkUrl?: string;
  registrationUrl?: string;
}

export interface DevPlatformOptions {
  /** Absolute URL where the router is mounted; also the `iss` claim. */
  issuer: string;
  clientId: string;
  deploymentId: string;
  tool: ToolUrls;
  /** JSON file holding the platform's private RSA JWK; generated and written if missing. */
  keyFile?: string;
  quirks?: QuirkMode;
  /** Seed the demo courses and users (default true). */
  seed?: boolean;
  /** Lifetime of OAuth2 access tokens (default 3600). Tests shorten it to exercise refresh. */
  accessTokenTtlSeconds?: number;
  /** How long a rotated-out key stays in the JWKS (default 3600). */
  keyGraceSeconds?: number;
  /** Page size for AGS and NRPS lists when the tool sends no `limit` (default 100). */
  defaultPageSize?: number;
}

/** An AGS 2.0 line item as the platform serves it; `id` is its absolute URL. */
export interface LineItem {
  id: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
}

export type ActivityProgress = "Initialized" | "Started" | "InProgress" | "Submitted" | "Completed";
export type GradingProgress = "FullyGraded" | "Pending" | "PendingManual" | "Failed" | "NotReady";

/** A score the platform accepted, as it stored it (after any quirk such as Moodle's capping). */
export interface Score {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  timestamp: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  submission?: { startedAt?: string; submittedAt?: string };
  scoringUserId?: string;
  /** Canvas's submission extension (`https://canvas.instructure.com/lti/submission`), kept in canvas mode. */
  canvasSubmission?: { new_submission?: boolean; submitted_at?: string; [extra: string]: unknown };
}

/** An AGS 2.0 result: what the gradebook currently shows for one user on one line item. */
export interface Result {
  id: string;
  scoreOf: string;
  userId: string;
  resultScore?: number;
  resultMaximum?: number;
  comment?: string;
}

/** A Deep Linking 2.0 content item as the tool sent it. */
export interface ContentItem {
  type: string;
  title?: string;
  text?: string;
  url?: string;
  custom?: Record<string, string>;
  lineItem?: { label?: string; scoreMaximum: number; resourceId?: string; tag?: string; gradesReleased?: boolean };
  [extra: string]: unknown;
}

/** "throttle" answers as the imitated LMS throttles: Canvas 403 "Rate Limit Exceeded", others 429. */
export type FaultKind = 500 | 429 | "timeout" | "reset" | "throttle";
export type FaultEndpoint = "token" | "lineitems" | "scores" | "results" | "memberships";

/** Tells the platform to misbehave on a share of service requests. */
export interface FaultConfig {
  /** Share of matching requests that fail, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /** Which endpoints may fail; all five when omitted. */
  endpoints?: FaultEndpoint[];
  /** How long a "timeout" hangs before the socket is destroyed (default 30000). */
  timeoutMs?: number;
  /**
   * Source of randomness, so tests can be deterministic: one draw per request decides the fault
   * (draw < rate), and a second picks the kind only when there is more than one.
   */
  random?: () => number;
}

export interface LoginInitiationParams {
  userId: string;
  courseId: string;
  resourceLinkId?: string;
  messageType?: MessageType;
  targetLinkUri?: string;
  custom?: Record<string, string>;
  /** A dynamically registered client to launch instead of the configured one. */
  clientId?: string;
}

export interface MintIdTokenParams {
  userId: string;
  courseId: string;
  resourceLinkId?: string;
  nonce: string;
  messageType?: MessageType;
  custom?: Record<string, string>;
  /** Claims merged over the normal ones (e.g. a wrong `aud` or `iss`). */
  claims?: Record<string, unknown>;
  /** Claim names to drop; LTI claims may be named by their short name, e.g. "deployment_id". */
  omitClaims?: string[];
  expiresInSeconds?: number;
  /** Seconds since the epoch. */
  issuedAt?: number;
  /** "foreign" signs with a key the platform never published. */
  signWith?: "platform" | "foreign";
  /** Header kid to claim, e.g. one the JWKS does not have. */
  kid?: string;
  clientId?: string;
}

export interface CourseInput {
  id: string;
  title: string;
  label?: string;
}

export interface UserInput {
  id: string;
  name: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  /** The student-record identifier sent in the LIS claim (person_sourcedid). */
  sourcedId?: string;
  school?: string;
  /** Shown on the home page without a launch button: a member who has never opened the tool. */
  rosterOnly?: boolean;
}

export interface Registration {
  clientId: string;
  deploymentId: string;
  toolConfiguration: unknown;
}

/** Where a deep-linking response put a content item. */
export interface Placement {
  courseId: string;
  resourceLinkId: string;
  item: ContentItem;
  lineItemId?: string;
}

/** A call the tool made to one of the platform's service endpoints, as the platform saw it. */
export interface ReceivedRequest {
  at: number;
  method: string;
  /** Path under the issuer, e.g. "/token" or "/api/courses/c1/lineitems/li-1/scores". */
  path: string;
  userAgent: string | null;
  /** The bearer token the call carried, if any. */
  token: string | null;
  status: number;
}

/** Canvas's request budget per access token (a leaky bucket); canvas mode only. */
export interface RateLimitConfig {
  /** The bucket's size (Canvas: 700 by default). */
  capacity: number;
  /** What each request takes from the budget. */
  costPerRequest: number;
  /** How fast the budget comes back. */
  refillPerSecond: number;
}

export interface IssuedAccessToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

/** A fake LMS speaking LTI 1.3 / LTI Advantage, for local use, tests and benchmarks. */
export interface DevPlatform {
  router: Router;
  issuer: string;
  clientId: string;
  deploymentId: string;
  authEndpoint: string;
  tokenEndpoint: string;
  jwksUrl: string;
  addCourse(c: CourseInput): void;
  addUser(u: UserInput): void;
  /** Roles as full LTI role URIs. */
  /** `roleScopeMentor`: for LTI's Mentor role, the user ids sent in the role_scope_mentor claim. */
  enrol(courseId: string, userId: string, roles: string[], options?: { roleScopeMentor?: string[] }): void;
  /** The form fields to POST to the tool's login URL. */
  loginInitiation(p: LoginInitiationParams): Record<string, string>;
  mintIdToken(p: MintIdTokenParams): Promise<string>;
  /** Publishes a new key first; the old one stays for the grace period unless keepOld is false. */
  rotateKey(opts?: { keepOld?: boolean }): Promise<void>;
  faults: {
    set(f: FaultConfig): void;
    clear(): void;
    stats(): { requests: number; injected: number };
  };
  gradebook: {
    lineItems(courseId: string): LineItem[];
    /** Every accepted score POST, in order. Line items may be named by URL or by their last path segment. */
    scores(lineItemId: string): Score[];
    /** The score that currently stands for the user (newest by timestamp). */
    latest(lineItemId: string, userId: string): Score | undefined;
    results(lineItemId: string): Result[];
    /** Simulates a tutor editing the grade (and, if given, the feedback) in the LMS. */
    overrideResult(lineItemId: string, userId: string, scoreGiven: number, comment?: string): void;
  };
  /** Calls the tool made to the token, keyset, registration, AGS and NRPS endpoints, oldest first. */
  requests(): ReceivedRequest[];
  /** Canvas mode's per-token request budget; `set` replaces it (tests make it small). */
  rateLimit: { set(config: RateLimitConfig): void; throttled(): number };
  deepLinks: { received(): ContentItem[]; placements(): Placement[] };
  registrations: { list(): Registration[] };
  accessTokens: { issued(): IssuedAccessToken[]; expireAll(): void };
  close(): void;
}
