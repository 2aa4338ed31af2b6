import { notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { ModuleWorkFile, type ModuleWorkFileDoc } from "../models/moduleWorkFile";
import { courseScope } from "../policies/scope";
import { recordHistory } from "./pathway";
import { programmeVersionById } from "./programmeVersionById";
import { recordsAsMarked } from "./moduleProgress";

type MentorInfo = { id: string; name: string; school: string | null };

/** The course's mentors named, by user id; someone no longer on the roster is an "Unknown mentor". */
async function mentorsById(actor: Actor, userIds: string[]): Promise<(userId: string) => MentorInfo> {
  const members = await Member.find(
    { ...courseScope(actor), userId: { $in: userIds } },
    { userId: 1, name: 1, school: 1 },
  ).lean();
  const byId = new Map(members.map((m) => [m.userId, { id: m.userId, name: m.name, school: m.school ?? null }]));
  return (userId) => byId.get(userId) ?? { id: userId, name: "Unknown mentor", school: null };
}

/** Which records a marking list shows: waiting for a mark, marked (graded or returned), or all. */
export type MarkingListStatus = "submitted" | "marked" | "all";

/**
 * The course's module work in the marking list, oldest submission first, each with its module,
 * mentor and latest mark. A "submitted" record whose mark a crash kept from it reads as graded or returned.
 */
export async function markingList(actor: Actor, which: MarkingListStatus) {
  const status =
    which === "submitted"
      ? ["submitted"]
      : which === "marked"
        ? ["graded", "returned"]
        : ["submitted", "graded", "returned"];
  const found = await ModuleRecord.find({
    ...courseScope(actor),
    status: { $in: [...new Set([...status, "submitted"])] },
  })
    .sort({ submittedAt: 1 })
    .limit(500)
    .lean<ModuleRecordDoc[]>();
  const records = (await recordsAsMarked(found)).filter((r) => status.includes(r.status));
  const ids = records.map((r) => r._id.toString());
  const [mentorOf, marks] = await Promise.all([
    mentorsById(actor, [...new Set(records.map((r) => r.mentorUserId))]),
    ModuleMark.find({ ...courseScope(actor), recordId: { $in: ids } }).lean<ModuleMarkDoc[]>(),
  ]);
  const items = [];
  for (const record of records) {
    const module = (await programmeVersionById(record.versionId)).definition.modules.find(
      (m) => m.code === record.moduleCode,
    );
    const latest =
      marks.filter((m) => m.recordId === record._id.toString()).sort((a, b) => b.attempt - a.attempt)[0] ?? null;
    items.push({ record, module, mentor: mentorOf(record.mentorUserId), latest });
  }
  return items;
}

/** One piece of module work in the actor's course, as marked (null when there is none). */
export async function moduleRecordInCourse(actor: Actor, recordId: string): Promise<ModuleRecordDoc | null> {
  const found = await ModuleRecord.findOne({ _id: recordId, ...courseScope(actor) }).lean<ModuleRecordDoc>();
  if (!found) return null;
  const [record] = await recordsAsMarked([found]);
  return record;
}

/** What the marking view of one piece of work shows: its module, mentor, history and the files of its current attempt. */
export async function markingDetailOf(actor: Actor, record: ModuleRecordDoc) {
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw notFound("That module");
  const [mentorOf, history, files] = await Promise.all([
    mentorsById(actor, [record.mentorUserId]),
    recordHistory(record._id.toString()),
    // The files that went in with the current attempt (a file added later belongs to the next one).
    ModuleWorkFile.find({ recordId: record._id, attempt: { $lte: record.attempt }, removedAt: null })
      .sort({ createdAt: 1 })
      .lean<ModuleWorkFileDoc[]>(),
  ]);
  return { record, module, mentor: mentorOf(record.mentorUserId), ...history, files };
}
