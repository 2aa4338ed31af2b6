import { z } from "zod";
import type { LtijsProvider } from "./ltijs";
import { Registration, type RegistrationDoc } from "../models/registration";
import { registeredKeysetUrls } from "./jwksCache";

/** Everything needed to accept launches from, and call services of, one platform registration. */
export const ZPlatformRegistration = z.object({
  name: z.string().min(1, "is required (a name people recognise, e.g. 'University of Example Moodle')"),
  lms: z.enum(["moodle", "canvas", "blackboard", "development", "other"], {
    message: "must be moodle, canvas, blackboard or other",
  }),
  issuer: z.string().url("must be the platform's issuer URL"),
  clientId: z.string().min(1, "is required (the client id the platform gave the tool)"),
  authLoginUrl: z.string().url("must be the platform's OIDC authorization URL"),
  accessTokenUrl: z.string().url("must be the platform's OAuth2 token URL"),
  jwksUrl: z.string().url("must be the platform's public keyset (JWKS) URL"),
  deploymentIds: z.array(z.string().min(1)).min(1, "must list at least one deployment id"),
  leadRole: z.string().min(1).nullish(),
  /** True only where custom parameters are set by the platform's administrator, never by teachers per link. */
  trustCustomRoleParameter: z.boolean({ message: "must be true or false" }).optional(),
  leadUserIds: z.array(z.string().min(1), { message: "must be a list of user ids (the LTI sub)" }).optional(),
});
export type TPlatformRegistration = z.infer<typeof ZPlatformRegistration>;

/**
 * Registers (or updates) a platform with ltijs and records its deployments. Idempotent, so
 * start-up can apply the lti-config files every time.
 */
export async function registerPlatform(
  provider: LtijsProvider,
  reg: TPlatformRegistration,
  source: "file" | "dynamic" | "development",
): Promise<RegistrationDoc> {
  await provider.registerPlatform({
    url: reg.issuer,
    name: reg.name,
    clientId: reg.clientId,
    authenticationEndpoint: reg.authLoginUrl,
    accesstokenEndpoint: reg.accessTokenUrl,
    authConfig: { method: "JWK_SET", key: reg.jwksUrl },
  });
  registeredKeysetUrls.add(reg.jwksUrl);
  // Several processes may start at once and register the same platform: an upsert on the unique
  // key (issuer, clientId), which MongoDB retries itself and the embedded engine runs one at a time.
  await Registration.updateOne(
    { issuer: reg.issuer, clientId: reg.clientId },
    {
      $set: {
        name: reg.name,
        lms: reg.lms,
        source,
        leadRole: reg.leadRole ?? null,
        // The development platform is its own administrator; anything else must say so.
        trustCustomRoleParameter: reg.trustCustomRoleParameter ?? source === "development",
        leadUserIds: reg.leadUserIds ?? [],
        jwksUrl: reg.jwksUrl,
      },
      $addToSet: { deploymentIds: { $each: reg.deploymentIds } },
    },
    { upsert: true },
  );
  return (await findRegistration(reg.issuer, reg.clientId)) as RegistrationDoc;
}

/** The registration a launch belongs to, if it names a deployment we know. */
export async function findRegistration(issuer: string, clientId: string): Promise<RegistrationDoc | null> {
  const doc = (await Registration.findOne({ issuer, clientId }).lean()) as RegistrationDoc | null;
  if (doc) recent.set(registrationKey(issuer, clientId), { doc, at: Date.now() });
  return doc;
}

// Registrations this process read lately. A launch needs its platform's registration, which
// changes only when a platform is registered again; reading it on every launch was one of the
// engine round trips a launch adds to bare ltijs. Whether the platform may launch at all is still
// checked on every launch by ltijs against its own platform record.
const RECENT_MS = 30_000;
const recent = new Map<string, { doc: RegistrationDoc; at: number }>();
const registrationKey = (issuer: string, clientId: string) => JSON.stringify([issuer, clientId]);

/**
 * findRegistration, answered from what this process read in the last 30 s when it can. A
 * launch naming a deployment the remembered registration lacks must look again (findRegistration)
 * before refusing: another process may just have added it.
 */
export async function recentRegistration(issuer: string, clientId: string): Promise<RegistrationDoc | null> {
  const known = recent.get(registrationKey(issuer, clientId));
  if (known && Date.now() - known.at < RECENT_MS) return known.doc;
  return findRegistration(issuer, clientId);
}
