import { EvidenceComment, type EvidenceCommentDoc } from "../models/evidenceComment";
import type { Actor } from "../lti/sessionToken";

/** Adds one comment to the thread on a mentor's evidence item: one insert. Authorize first (policies/mentorWork.ts). */
export async function commentOnEvidence(props: {
  actor: Actor;
  evidence: { _id: unknown; tenantId: string; contextId: string; mentorUserId: string };
  body: string;
}): Promise<EvidenceCommentDoc> {
  const { actor, evidence } = props;
  const isMentorsOwn = evidence.mentorUserId === actor.userId;
  const created = await EvidenceComment.create({
    tenantId: evidence.tenantId,
    contextId: evidence.contextId,
    mentorUserId: evidence.mentorUserId,
    evidenceId: evidence._id,
    authorUserId: actor.userId,
    authorName: actor.name,
    authorRole: isMentorsOwn ? "mentor" : "leadMentor",
    body: props.body,
  });
  return created.toObject() as EvidenceCommentDoc;
}
