import { notFound } from "../errors";
import type { OutboxRecord } from "../gradebook/deliverCell";
import { GradeRecord } from "../models/gradeRecord";
import { Member } from "../models/member";

type Course = { tenantId: string; contextId: string };
/** A mark's record as the delivery pages read it (mongoose types its nested paths as optional; the schema has them). */
export type StoredDelivery = OutboxRecord & {
  delivery: OutboxRecord["delivery"] & { deliveredAt: Date | null; lastError: string | null };
};
const LIST_LIMIT = 500;

/** The names of the course's members by user id (a mentor no longer on the roster keeps their id). */
export async function mentorNames(course: Course, userIds: string[]): Promise<Map<string, string>> {
  const members = await Member.find(
    { ...course, userId: { $in: [...new Set(userIds)] } },
    { userId: 1, name: 1 },
  ).lean();
  return new Map(members.map((m) => [m.userId, m.name]));
}

/** The course's marks on their way to the LMS gradebook, newest first (filtered), with their mentors' names and the count in each state. */
export async function gradeDeliveries(course: Course, query: { status?: string; mentorUserId?: string }) {
  const filter: Record<string, unknown> = { ...course };
  if (query.status) filter["delivery.status"] = query.status;
  if (query.mentorUserId) filter.mentorUserId = query.mentorUserId;
  const records = await GradeRecord.find(filter).sort({ gradedAt: -1 }).limit(LIST_LIMIT).lean<StoredDelivery[]>();
  const names = await mentorNames(
    course,
    records.map((r) => r.mentorUserId),
  );
  const counts = { pending: 0, delivered: 0, failed: 0, superseded: 0 };
  for (const status of Object.keys(counts) as Array<keyof typeof counts>) {
    counts[status] = await GradeRecord.countDocuments({ ...course, "delivery.status": status });
  }
  return { records, names, counts };
}

/** One mark's delivery in the course, or 404. */
export async function loadGradeDelivery(course: Course, id: string): Promise<StoredDelivery> {
  const record = await GradeRecord.findOne({ _id: id, ...course }).lean<StoredDelivery>();
  if (!record) throw notFound("That mark");
  return record;
}
