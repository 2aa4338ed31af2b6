import { groupBy } from "../groupBy";
import { Evidence, type EvidenceDoc } from "../models/evidence";
import { EvidenceComment, type EvidenceCommentDoc } from "../models/evidenceComment";

type Course = { tenantId: string; contextId: string };

/** The comment threads on one mentor's evidence: each commented piece (in the mentor's order) with its comments, oldest first. */
export async function commentThreadsOf(
  course: Course,
  mentorUserId: string,
): Promise<Array<{ evidenceId: string; evidenceTitle: string; comments: EvidenceCommentDoc[] }>> {
  const mine = { ...course, mentorUserId };
  const [comments, evidence] = await Promise.all([
    EvidenceComment.find(mine).sort({ createdAt: 1 }).lean<EvidenceCommentDoc[]>(),
    Evidence.find(mine, { title: 1, position: 1, createdAt: 1 })
      .sort({ position: 1, createdAt: 1 })
      .lean<Array<Pick<EvidenceDoc, "_id" | "title">>>(),
  ]);
  const commentsOf = groupBy(comments, (c) => String(c.evidenceId));
  return evidence
    .filter((e) => commentsOf.has(e._id.toString()))
    .map((e) => ({
      evidenceId: e._id.toString(),
      evidenceTitle: e.title,
      comments: commentsOf.get(e._id.toString())!,
    }));
}

/** A piece of evidence in the course, with whose it is (null when there is none: evidence elsewhere is simply not found). */
export async function evidenceInCourse(course: Course, evidenceId: string) {
  return Evidence.findOne({ ...course, _id: evidenceId }, { tenantId: 1, contextId: 1, mentorUserId: 1 }).lean<
    Pick<EvidenceDoc, "_id" | "tenantId" | "contextId" | "mentorUserId">
  >();
}
