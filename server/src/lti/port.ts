import type { Router } from "express";
import type { TRole } from "../contracts/session";
import type { RegistrationDoc } from "../models/registration";
import type { LaunchContext } from "./launchContext";
import type { TPlatformRegistration } from "./registrations";
import type { Actor } from "./sessionToken";
import type { AgsLineItem, AgsLineItemInput, AgsResult, AgsScore, AgsScoreAnswer } from "./ags";
import type { NrpsMember } from "./nrps";
import type { DeepLinkingResponseInput } from "./deepLinking";

// The shapes the services speak in, so callers import them from the port rather than its parts.
export type { AgsLineItem, AgsLineItemInput, AgsResult, AgsScore, AgsScoreAnswer } from "./ags";
export { CANVAS_SUBMISSION_EXTENSION } from "./ags";
export type { NrpsMember } from "./nrps";
export type { DeepLinkContentItem, DeepLinkingResponseInput } from "./deepLinking";

/**
 * What the rest of the tool may ask of LTI, and all it may ask: the door (login, launch, keys,
 * dynamic registration), platform registration, and each platform's services. The library that
 * implements LTI (ltijs, see ltijsPort.ts) stays behind this interface, so nothing outside lti/
 * depends on its objects. The service side follows the shape of the 1EdTech PHP library's
 * service connector: one connector per platform registration, with a service object per LTI
 * Advantage service over it.
 */
export interface LtiPort {
  /** The express router mounted at /lti. */
  router: Router;
  /** Registers (or updates) a platform and records its deployments; idempotent. */
  registerPlatform(registration: TPlatformRegistration, source: RegistrationSource): Promise<RegistrationDoc>;
  /** The LTI Advantage services of one platform registration. */
  services(platform: { issuer: string; clientId: string }, options?: { timeoutMs?: number }): PlatformServices;
}

export type RegistrationSource = "file" | "dynamic" | "development";

/**
 * A launch the door has validated and accepted: a known deployment, a role the tool serves.
 * `mentees` is the launch's role_scope_mentor list for a lead mentor, null otherwise.
 */
export interface AcceptedLaunch {
  launch: LaunchContext;
  registration: RegistrationDoc;
  roles: TRole[];
  isDevelopment: boolean;
  mentees: string[] | null;
}

/**
 * What the tool does with an accepted launch (records it), given to the door by whoever builds
 * it, so the door never reaches into commands. Returns who the session is for; an AppError it
 * throws becomes a launch error page with its message.
 */
export type LaunchHandler = (accepted: AcceptedLaunch) => Promise<Actor>;

/**
 * One platform's services. Every call carries the tool's User-Agent and a timeout; a failure is
 * a PlatformCallError (platformHttp.ts), including an answer that is not what the specification
 * describes, so callers decide on retry versus "tell a person" in one place.
 */
export interface PlatformServices {
  readonly issuer: string;
  readonly clientId: string;
  /** AGS line items (gradebook columns). */
  lineItems: {
    /** The container's line items, filtered by the platform on resource_id and/or tag; all pages. */
    list(lineItemsUrl: string, filter?: { resourceId?: string; tag?: string }): Promise<AgsLineItem[]>;
    create(lineItemsUrl: string, input: AgsLineItemInput): Promise<AgsLineItem>;
    delete(lineItemUrl: string): Promise<void>;
  };
  /** AGS scores: publishing one, and reading back the platform's results. */
  scores: {
    post(lineItemUrl: string, score: AgsScore): Promise<AgsScoreAnswer>;
    /** The platform's current results for a line item; all pages. */
    results(lineItemUrl: string): Promise<AgsResult[]>;
  };
  /** NRPS: the context's members. */
  members: {
    /** Every member, following rel="next" to the last page. */
    list(membershipsUrl: string): Promise<{ members: NrpsMember[]; pages: number }>;
  };
  /** Deep Linking 2.0. */
  deepLinking: {
    /** The signed LtiDeepLinkingResponse JWT, to post back to the platform's return URL. */
    respond(input: DeepLinkingResponseInput): Promise<string>;
  };
}
