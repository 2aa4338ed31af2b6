import { Router } from "express";
import { ZCommentThreads, ZCommentThreadsQuery, ZEvidenceCommentCreate } from "../../contracts/caseload";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { groupBy } from "../../groupBy";
import { Evidence, type EvidenceDoc } from "../../models/evidence";
import { EvidenceComment, type EvidenceCommentDoc } from "../../models/evidenceComment";
import { authorizeMentorWork, canOnMentorWork } from "../../policies/mentorWork";
import { courseScope } from "../../policies/scope";
import { commentOnEvidence } from "../../commands/commentOnEvidence";
import { mentorWorkSubject } from "../../queries/caseloadReads";
import { presentComment } from "../../presenters/caseload";

/**
 * /api/evidence-comments — the thread on each piece of a mentor's evidence: their lead mentor
 * comments, the mentor replies; tutors and programme leads may read.
 */
export function evidenceCommentsRouter(): Router {
  const router = Router();

  const list = { query: ZCommentThreadsQuery };
  router.get("/", validate(list), handle(async (req, res) => {
    const actor = actorOf(req);
    const course = courseScope(actor);
    const subject = await mentorWorkSubject(course, inputOf(req, list).query.mentorUserId ?? actor.userId);
    if (!subject) throw notFound("That mentor");
    authorizeMentorWork(actor, "read", subject);
    const mine = { ...course, mentorUserId: subject.mentorUserId };
    const [comments, evidence] = await Promise.all([
      EvidenceComment.find(mine).sort({ createdAt: 1 }).lean<EvidenceCommentDoc[]>(),
      Evidence.find(mine, { title: 1, position: 1, createdAt: 1 }).sort({ position: 1, createdAt: 1 }).lean<Array<Pick<EvidenceDoc, "_id" | "title">>>(),
    ]);
    const commentsOf = groupBy(comments, (c) => String(c.evidenceId));
    const threads = evidence
      .filter((e) => commentsOf.has(e._id.toString()))
      .map((e) => ({ evidenceId: e._id.toString(), evidenceTitle: e.title, comments: commentsOf.get(e._id.toString())!.map((c) => presentComment(actor, c)) }));
    res.json(ZCommentThreads.parse({ threads }));
  }));

  const create = { body: ZEvidenceCommentCreate };
  router.post("/", validate(create), handle(async (req, res) => {
    const actor = actorOf(req);
    const course = courseScope(actor);
    const { body } = inputOf(req, create);
    // Loaded inside the actor's course: evidence elsewhere is simply not found.
    const evidence = await Evidence.findOne({ ...course, _id: body.evidenceId }, { tenantId: 1, contextId: 1, mentorUserId: 1 }).lean<Pick<EvidenceDoc, "_id" | "tenantId" | "contextId" | "mentorUserId">>();
    const subject = evidence && (await mentorWorkSubject(course, evidence.mentorUserId));
    if (!evidence || !subject || !canOnMentorWork(actor, "read", subject)) throw notFound("That evidence");
    authorizeMentorWork(actor, "comment", subject);
    const comment = await commentOnEvidence({ actor, evidence, body: body.body });
    res.status(201).json(presentComment(actor, comment));
  }));

  return router;
}
