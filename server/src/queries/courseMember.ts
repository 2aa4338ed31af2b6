import { Member } from "../models/member";

/** A mentor of the course as the roster holds them (identity from the launch, details they entered), or null. */
export function courseMentorMember(course: { tenantId: string; contextId: string }, userId: string) {
  return Member.findOne({ tenantId: course.tenantId, contextId: course.contextId, userId, roles: "mentor" }).lean();
}
