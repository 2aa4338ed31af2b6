import type { TLmsMark } from "../contracts/gradebook";
import { LmsMark, type LmsMarkDoc } from "../models/lmsMark";
import { Member } from "../models/member";
import { ModuleRecord } from "../models/moduleRecord";
import { programmeForCourse } from "../programme/programmeForCourse";

/**
 * The course's open marks from the LMS (proposals and conflicts), newest first, with whether
 * each can be adopted now: adoption goes through marking, so the work must be waiting for a mark.
 */
export async function listLmsMarks(scope: { tenantId: string; contextId: string }): Promise<TLmsMark[]> {
  const open = await LmsMark.find({ ...scope, status: "open" }).sort({ seenAt: -1 }).limit(500).lean<LmsMarkDoc[]>();
  if (open.length === 0) return [];
  const mentorIds = [...new Set(open.map((m) => m.mentorUserId))];
  const [members, records, { definition }] = await Promise.all([
    Member.find({ ...scope, userId: { $in: mentorIds } }, { userId: 1, name: 1 }).lean(),
    ModuleRecord.find({ ...scope, mentorUserId: { $in: mentorIds } }, { mentorUserId: 1, moduleCode: 1, status: 1 }).lean(),
    programmeForCourse(scope.tenantId, scope.contextId),
  ]);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const statusOf = new Map(records.map((r) => [`${r.mentorUserId}|${r.moduleCode}`, r.status]));
  const labels = new Map(definition.modules.map((m) => [m.code, `Module ${m.number}: ${m.title}`]));
  return open.map((m) => {
    const status = statusOf.get(`${m.mentorUserId}|${m.moduleCode}`);
    const whyNot =
      status === "submitted"
        ? null
        : status === "graded" || status === "returned"
          ? "Already marked in Mentor Pathways: keep the tool's mark, or change the mark in Mentor Pathways."
          : "No submitted work for this module is waiting for a mark.";
    return {
      id: m._id.toString(),
      mentor: { userId: m.mentorUserId, name: names.get(m.mentorUserId) ?? m.mentorUserId },
      module: { code: m.moduleCode, label: labels.get(m.moduleCode) ?? m.moduleCode },
      kind: m.kind,
      source: m.source,
      lms: { score: m.lms.resultScore, maximum: m.lms.resultMaximum, comment: m.lms.comment ?? null },
      tool: m.baseline?.scoreGiven != null && m.baseline.scoreMaximum != null ? { scoreGiven: m.baseline.scoreGiven, scoreMaximum: m.baseline.scoreMaximum } : null,
      seenAt: m.seenAt.toISOString(),
      canAdopt: whyNot === null,
      whyNotAdoptable: whyNot,
    };
  });
}
