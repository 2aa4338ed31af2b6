import type { TLmsMark } from "../contracts/gradebook";
import { GradeRecord } from "../models/gradeRecord";
import { LmsMark, type LmsMarkDoc } from "../models/lmsMark";
import { Member } from "../models/member";
import { ModuleMark } from "../models/moduleMark";
import { ModuleRecord } from "../models/moduleRecord";
import { programmeInForce } from "../queries/programmeInForce";

/**
 * The course's open marks from the LMS (proposals and conflicts), newest first, with what
 * adopting each would do now: adoption goes through marking, so the work must be waiting for a
 * mark (it becomes the mark) or hold a mark on its latest attempt (it becomes a correction).
 */
export async function listLmsMarks(scope: { tenantId: string; contextId: string }): Promise<TLmsMark[]> {
  const open = await LmsMark.find({ ...scope, status: "open" })
    .sort({ seenAt: -1 })
    .limit(500)
    .lean<LmsMarkDoc[]>();
  if (open.length === 0) return [];
  const mentorIds = [...new Set(open.map((m) => m.mentorUserId))];
  const pendingIds = open.map((m) => m.toolRecordId).filter((id): id is string => !!id);
  const [members, records, pending, { definition }] = await Promise.all([
    Member.find({ ...scope, userId: { $in: mentorIds } }, { userId: 1, name: 1 }).lean(),
    ModuleRecord.find(
      { ...scope, mentorUserId: { $in: mentorIds } },
      { mentorUserId: 1, moduleCode: 1, status: 1, attempt: 1 },
    ).lean(),
    GradeRecord.find({ _id: { $in: pendingIds } }, { scoreGiven: 1, "lineItem.scoreMaximum": 1 }).lean(),
    programmeInForce(scope.tenantId, scope.contextId),
  ]);
  const graded = records.filter((r) => r.status === "graded");
  const marks =
    graded.length > 0
      ? await ModuleMark.find(
          { $or: graded.map((r) => ({ recordId: r._id.toString(), attempt: r.attempt })) },
          { recordId: 1, kind: 1 },
        ).lean()
      : [];
  const isMarked = new Set(marks.filter((m) => m.kind === "mark").map((m) => m.recordId));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const recordOf = new Map(records.map((r) => [`${r.mentorUserId}|${r.moduleCode}`, r]));
  const pendingOf = new Map(pending.map((g) => [g._id.toString(), g]));
  const labels = new Map(definition.modules.map((m) => [m.code, `Module ${m.number}: ${m.title}`]));
  return open.map((m) => {
    const record = recordOf.get(`${m.mentorUserId}|${m.moduleCode}`);
    const adoptAs =
      record?.status === "submitted"
        ? "mark"
        : record?.status === "graded" && isMarked.has(record._id.toString())
          ? "correction"
          : null;
    const whyNot =
      adoptAs !== null
        ? null
        : record?.status === "returned"
          ? "Returned for more work in Mentor Pathways: there is no mark to replace until the mentor resubmits."
          : "No submitted work for this module is waiting for a mark.";
    const toolPending = m.toolRecordId ? pendingOf.get(m.toolRecordId) : undefined;
    return {
      id: m._id.toString(),
      mentor: { userId: m.mentorUserId, name: names.get(m.mentorUserId) ?? m.mentorUserId },
      module: { code: m.moduleCode, label: labels.get(m.moduleCode) ?? m.moduleCode },
      kind: m.kind,
      source: m.source,
      lms: { score: m.lms.resultScore, maximum: m.lms.resultMaximum, comment: m.lms.comment ?? null },
      tool:
        m.baseline?.scoreGiven != null && m.baseline.scoreMaximum != null
          ? { scoreGiven: m.baseline.scoreGiven, scoreMaximum: m.baseline.scoreMaximum }
          : null,
      toolPending:
        toolPending?.scoreGiven != null && toolPending.lineItem?.scoreMaximum != null
          ? { scoreGiven: toolPending.scoreGiven, scoreMaximum: toolPending.lineItem.scoreMaximum }
          : null,
      seenAt: m.seenAt.toISOString(),
      adoptAs,
      canAdopt: whyNot === null,
      whyNotAdoptable: whyNot,
    };
  });
}
