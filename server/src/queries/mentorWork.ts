import { groupBy } from "../groupBy";
import { Evidence, type EvidenceDoc } from "../models/evidence";
import { EvidenceComment, type EvidenceCommentDoc } from "../models/evidenceComment";
import { Portfolio, type PortfolioDoc } from "../models/portfolio";
import { mentorGlances } from "./caseloadReads";
import { programmeInForce } from "./programmeInForce";

type Course = { tenantId: string; contextId: string };

/**
 * One mentor's working material as their supporters read it: their glance, their evidence (not
 * in the bin) with each piece's comments, their portfolio drafts and the programme they follow.
 */
export async function mentorWorkOf(course: Course, mentorUserId: string) {
  const mine = { ...course, mentorUserId };
  const [[mentor], evidence, comments, portfolios, { definition }] = await Promise.all([
    mentorGlances(course, [mentorUserId]),
    Evidence.find({ ...mine, archivedAt: null })
      .sort({ position: 1, createdAt: 1 })
      .lean<EvidenceDoc[]>(),
    EvidenceComment.find(mine).sort({ createdAt: 1 }).lean<EvidenceCommentDoc[]>(),
    Portfolio.find(mine).sort({ qualificationCode: 1 }).lean<PortfolioDoc[]>(),
    programmeInForce(course.tenantId, course.contextId),
  ]);
  return { mentor, evidence, commentsOf: groupBy(comments, (c) => String(c.evidenceId)), portfolios, definition };
}
