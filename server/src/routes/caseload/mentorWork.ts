import { Router } from "express";
import { ZMentorParams, ZMentorWork } from "../../contracts/caseload";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { groupBy } from "../../groupBy";
import { Evidence, type EvidenceDoc } from "../../models/evidence";
import { EvidenceComment, type EvidenceCommentDoc } from "../../models/evidenceComment";
import { Portfolio, type PortfolioDoc } from "../../models/portfolio";
import { authorizeMentorWork, canOnMentorWork } from "../../policies/mentorWork";
import { courseScope } from "../../policies/scope";
import { mentorGlances, mentorWorkSubject } from "../../queries/caseloadReads";
import { portfolioProgramme } from "../../queries/portfolioProgramme";
import { presentEvidenceList } from "../../presenters/evidence";
import { presentPortfolio } from "../../presenters/portfolio";
import { presentComment } from "../../presenters/caseload";

/**
 * /api/mentor-work/:mentorUserId — one mentor's evidence and portfolio drafts, read-only, with the
 * comment threads: for the course's tutors and programme leads and the mentor's lead mentor.
 */
export function mentorWorkRouter(): Router {
  const router = Router();
  const one = { params: ZMentorParams };
  router.get("/:mentorUserId", validate(one), handle(async (req, res) => {
    const actor = actorOf(req);
    const course = courseScope(actor);
    const subject = await mentorWorkSubject(course, inputOf(req, one).params.mentorUserId);
    if (!subject) throw notFound("That mentor");
    authorizeMentorWork(actor, "read", subject);
    const mine = { ...course, mentorUserId: subject.mentorUserId };
    const [[mentor], evidence, comments, portfolios, { definition }] = await Promise.all([
      mentorGlances(course, [subject.mentorUserId]),
      Evidence.find({ ...mine, archivedAt: null }).sort({ position: 1, createdAt: 1 }).lean<EvidenceDoc[]>(),
      EvidenceComment.find(mine).sort({ createdAt: 1 }).lean<EvidenceCommentDoc[]>(),
      Portfolio.find(mine).sort({ qualificationCode: 1 }).lean<PortfolioDoc[]>(),
      portfolioProgramme(course.tenantId, course.contextId),
    ]);
    const commentsOf = groupBy(comments, (c) => String(c.evidenceId));
    const items = await presentEvidenceList(evidence);
    res.json(
      ZMentorWork.parse({
        mentor,
        evidence: items.map((item) => ({ ...item, comments: (commentsOf.get(item.id) ?? []).map((c) => presentComment(actor, c)) })),
        portfolios: await Promise.all(portfolios.map((p) => presentPortfolio(p, definition))),
        abilities: { comment: canOnMentorWork(actor, "comment", subject), edit: canOnMentorWork(actor, "edit", subject) },
      }),
    );
  }));
  return router;
}
