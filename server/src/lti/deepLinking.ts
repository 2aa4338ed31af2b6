import crypto from "node:crypto";
import { SignJWT } from "jose";
import { toolSigningKey, type PlatformService } from "./accessToken";

/** LTI Deep Linking 2.0: the tool's response to a deep-linking request. */

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

/** An ltiResourceLink content item; `lineItem` asks the platform to make a gradebook column. */
export interface DeepLinkContentItem {
  type: "ltiResourceLink";
  title: string;
  text?: string;
  url: string;
  custom: Record<string, string>;
  lineItem?: { label: string; scoreMaximum: number; resourceId: string; tag: string };
}

export interface DeepLinkingResponseInput {
  deploymentId: string;
  /** The `data` value of the request, echoed unchanged as the spec requires. */
  data: string | null;
  contentItems: DeepLinkContentItem[];
  message?: string;
}

/**
 * Signs the LtiDeepLinkingResponse JWT with the tool's key for this platform (RS256, kid):
 * iss is our client id, aud the platform's issuer.
 */
export async function signDeepLinkingResponse(svc: PlatformService, input: DeepLinkingResponseInput): Promise<string> {
  const signing = await toolSigningKey(svc);
  const claims: Record<string, unknown> = {
    nonce: crypto.randomUUID(),
    [`${LTI}message_type`]: "LtiDeepLinkingResponse",
    [`${LTI}version`]: "1.3.0",
    [`${LTI}deployment_id`]: input.deploymentId,
    [`${DL}content_items`]: input.contentItems,
  };
  if (input.data !== null) claims[`${DL}data`] = input.data;
  if (input.message) claims[`${DL}msg`] = input.message;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: signing.kid, typ: "JWT" })
    .setIssuer(svc.clientId)
    .setAudience(svc.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(signing.key);
}
