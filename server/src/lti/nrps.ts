import { SCOPES, withAccessToken, type PlatformService } from "./accessToken";
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

function toMember(raw: Record<string, unknown>): NrpsMember | null {
  if (typeof raw.user_id !== "string" || !raw.user_id) return null;
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  const name = str(raw.name) ?? ([str(raw.given_name), str(raw.family_name)].filter(Boolean).join(" ") || null);
  const status = raw.status === "Inactive" || raw.status === "Deleted" ? raw.status : "Active";
  return {
    userId: raw.user_id,
    name,
    email: str(raw.email),
    sourcedId: str(raw.lis_person_sourcedid),
    givenName: str(raw.given_name),
    familyName: str(raw.family_name),
    roles: Array.isArray(raw.roles) ? raw.roles.map(String) : [],
    status,
  };
}

/** Every member of the context, following rel="next" until the last page. */
export async function fetchMemberships(svc: PlatformService, membershipsUrl: string): Promise<{ members: NrpsMember[]; pages: number }> {
  const members: NrpsMember[] = [];
  let url: string | null = membershipsUrl;
  let pages = 0;
  while (url && pages < MAX_PAGES) {
    const pageUrl: string = url;
    const res = await withAccessToken(svc, SCOPES.membershipReadonly, (token) =>
      platformRequest(pageUrl, { headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_MEMBERSHIPS }, timeoutMs: svc.timeoutMs }),
    );
    pages++;
    const body = res.json<{ members?: Array<Record<string, unknown>> }>();
    for (const raw of body.members ?? []) {
      const m = toMember(raw);
      if (m) members.push(m);
    }
    url = nextLink(res.headers);
  }
  return { members, pages };
}
