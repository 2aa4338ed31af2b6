import type { TRosterMember } from "../contracts/roster";
import type { TRole } from "../contracts/session";

interface StoredMember {
  userId: string;
  name: string;
  email?: string | null;
  school?: string | null;
  roles?: string[];
  status?: string | null;
  lastLaunchAt?: Date | null;
  rosterSeenAt?: Date | null;
}

/** A person on the course roster, as staff see them. */
export function presentRosterMember(m: StoredMember): TRosterMember {
  return {
    userId: m.userId,
    name: m.name,
    email: m.email ?? null,
    school: m.school ?? null,
    roles: (m.roles ?? []).filter(
      (r): r is TRole => r === "mentor" || r === "tutor" || r === "lead" || r === "leadMentor",
    ),
    status: (m.status as TRosterMember["status"]) ?? "Active",
    lastLaunchAt: m.lastLaunchAt?.toISOString() ?? null,
    rosterSeenAt: m.rosterSeenAt?.toISOString() ?? null,
  };
}
