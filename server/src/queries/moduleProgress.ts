import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";

/**
 * Module records as the tutor's decisions say they stand, without writing anything. Marking
 * saves the mark (the decision and its outbox) and then moves the record on; a record a crash
 * left "submitted" although its current attempt has a mark is shown as that mark made it
 * (graded or returned), and the mark's follow-ups (record, grade, credit) are finished by the
 * marking command or by `sweepMarkFollowUps`, never by a read.
 */
export async function recordsAsMarked(records: ModuleRecordDoc[]): Promise<ModuleRecordDoc[]> {
  const stuck = records.filter((r) => r.status === "submitted");
  if (stuck.length === 0) return records;
  const marks = await ModuleMark.find({
    $or: stuck.map((r) => ({ recordId: r._id.toString(), attempt: r.attempt })),
  }).lean<ModuleMarkDoc[]>();
  return recordsMarkedBy(records, marks);
}

/**
 * Records as `marks` say they stand (recordsAsMarked without its read), for a caller that has
 * already read every mark of these records, e.g. all of the mentor's (marks carry their record's
 * course and mentor). Marks of other records are ignored.
 */
export function recordsMarkedBy(records: ModuleRecordDoc[], marks: ModuleMarkDoc[]): ModuleRecordDoc[] {
  if (marks.length === 0 || !records.some((r) => r.status === "submitted")) return records;
  const markFor = new Map(marks.map((m) => [`${m.recordId}:${m.attempt}`, m]));
  return records.map((record) => {
    const mark = record.status === "submitted" ? markFor.get(`${record._id.toString()}:${record.attempt}`) : undefined;
    return mark ? { ...record, status: mark.kind === "return" ? "returned" : "graded", passed: mark.passed } : record;
  });
}

/**
 * The codes of the modules whose work a tutor has marked as passed, for one mentor in one course.
 * `among`: only these modules are asked about (a caller that checks a few, e.g. a qualification's
 * required modules), so the others' records and marks are not read.
 */
export async function completedModuleCodes(
  tenantId: string,
  contextId: string,
  mentorUserId: string,
  among?: readonly string[],
): Promise<Set<string>> {
  if (among?.length === 0) return new Set();
  // Submitted records are read too: one may carry a pass whose follow-ups a crash interrupted.
  const records = await ModuleRecord.find(
    {
      tenantId,
      contextId,
      mentorUserId,
      ...(among ? { moduleCode: { $in: [...among] } } : {}),
      $or: [{ passed: true }, { status: "submitted" }],
    },
    // What settling a record by its mark needs; the reflection and dates are not sent.
    { moduleCode: 1, status: 1, attempt: 1, passed: 1 },
  ).lean<ModuleRecordDoc[]>();
  return new Set((await recordsAsMarked(records)).filter((r) => r.passed).map((r) => r.moduleCode));
}
