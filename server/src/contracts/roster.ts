import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZRole } from "./session";

export const ZRosterMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  school: z.string().nullable(),
  roles: z.array(ZRole),
  status: z.enum(["Active", "Inactive", "Deleted"]),
  /** Null for someone known only from the VLE's member list. */
  lastLaunchAt: z.string().nullable(),
  rosterSeenAt: z.string().nullable(),
});
export type TRosterMember = z.infer<typeof ZRosterMember>;

export const ZRosterResponse = z.object({
  members: z.array(ZRosterMember),
  syncedAt: z.string().nullable(),
});
export type TRosterResponse = z.infer<typeof ZRosterResponse>;

export const ZRosterSyncResponse = z.object({
  seen: z.number(),
  added: z.number(),
  pages: z.number(),
  syncedAt: z.string(),
});
export type TRosterSyncResponse = z.infer<typeof ZRosterSyncResponse>;

/** /api/roster — everyone in the course (including mentors who never opened the tool), and a sync from the VLE. */
export const rosterEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/roster", output: ZRosterResponse }),
  sync: defineEndpoint({ method: "POST", path: "/api/roster/sync", output: ZRosterSyncResponse }),
};
