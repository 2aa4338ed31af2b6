import { z } from "zod";
import { SCOPES, withAccessToken, type PlatformService } from "./accessToken";
import { answerOf } from "./platformAnswer";
import { nextLink, platformRequest } from "./platformHttp";

/** LTI Names and Role Provisioning Services 2.0: the course roster. */

const MEDIA_MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
const MAX_PAGES = 500;

/** One member of the context, as the platform lists them. */
export interface NrpsMember {
  userId: string;
  name: string | null;
  email: string | null;
  /** The student-record id (`lis_person_sourcedid`), which the registry's transcript matches on. */
  sourcedId: string | null;
  givenName: string | null;
  familyName: string | null;
  roles: string[];
  status: "Active" | "Inactive" | "Deleted";
}

// Absent, null and "" all mean the platform did not say.
const text = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

/** A member as NRPS lists them; fields the tool does not use are left unread. */
export const ZNrpsMember = z.object({
  // A member listed without an id cannot be matched to anyone: it is skipped, not an error.
  user_id: text,
  name: text,
  email: text,
  lis_person_sourcedid: text,
  given_name: text,
  family_name: text,
  roles: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  // The spec's statuses; anything else (or none) is an active member, as the spec's default.
  status: z
    .string()
    .nullish()
    .transform((v): NrpsMember["status"] => (v === "Inactive" || v === "Deleted" ? v : "Active")),
});

/**
 * One page of the membership container (application/vnd.ims.lti-nrps.v2.membershipcontainer+json).
 * Only the members are read: the context is the one the tool asked about, and the next page is
 * in the Link header.
 */
export const ZNrpsMembershipContainer = z.object({
  // A last page may leave the list out: no members on it.
  members: z
    .array(ZNrpsMember)
    .optional()
    .transform((v) => v ?? []),
});

function toMember(raw: z.output<typeof ZNrpsMember>): NrpsMember | null {
  if (!raw.user_id) return null;
  return {
    userId: raw.user_id,
    name: raw.name ?? ([raw.given_name, raw.family_name].filter(Boolean).join(" ") || null),
    email: raw.email,
    sourcedId: raw.lis_person_sourcedid,
    givenName: raw.given_name,
    familyName: raw.family_name,
    roles: raw.roles,
    status: raw.status,
  };
}

/** Every member of the context, following rel="next" until the last page. */
export async function fetchMemberships(
  svc: PlatformService,
  membershipsUrl: string,
): Promise<{ members: NrpsMember[]; pages: number }> {
  const members: NrpsMember[] = [];
  let url: string | null = membershipsUrl;
  let pages = 0;
  while (url && pages < MAX_PAGES) {
    const pageUrl: string = url;
    const res = await withAccessToken(svc, SCOPES.membershipReadonly, (token) =>
      platformRequest(pageUrl, {
        headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_MEMBERSHIPS },
        timeoutMs: svc.timeoutMs,
      }),
    );
    pages++;
    const body = answerOf(res, ZNrpsMembershipContainer, `member list (page ${pages})`);
    for (const raw of body.members) {
      const m = toMember(raw);
      if (m) members.push(m);
    }
    url = nextLink(res.headers);
  }
  return { members, pages };
}
