import { EvidenceComment, type EvidenceCommentDoc } from "../models/evidenceComment";
import type { Actor } from "../lti/sessionToken";
import { tell, tellMentor } from "./tellMentor";

/**
 * Adds one comment to the thread on a mentor's evidence item: one insert, then a notice to the
 * mentor when someone else wrote it, or, when it is the mentor's reply, to each other person who
 * has commented in the thread. Authorize first (policies/mentorWork.ts).
 */
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
  if (!isMentorsOwn) {
    await tellMentor({
      tenantId: evidence.tenantId,
      contextId: evidence.contextId,
      mentorUserId: evidence.mentorUserId,
      key: `comment:${created._id.toString()}`,
      kind: "evidence_comment",
      title: `${actor.name} commented on your evidence`,
      body: props.body.length > 280 ? `${props.body.slice(0, 277)}…` : props.body,
      link: "/evidence",
      at: created.createdAt,
    });
  } else {
    const others = await EvidenceComment.distinct("authorUserId", {
      tenantId: evidence.tenantId,
      contextId: evidence.contextId,
      evidenceId: evidence._id,
      authorUserId: { $ne: actor.userId },
    });
    for (const userId of others as string[]) {
      await tell({
        tenantId: evidence.tenantId,
        contextId: evidence.contextId,
        userId,
        key: `reply:${created._id.toString()}:${userId}`,
        kind: "comment_reply",
        title: `${actor.name} replied to your comment`,
        body: props.body.length > 280 ? `${props.body.slice(0, 277)}…` : props.body,
        link: `/mentor-work/${evidence.mentorUserId}`,
        at: created.createdAt,
      });
    }
  }
  return created.toObject() as EvidenceCommentDoc;
}
