import type { TEvidenceComment } from "../contracts/caseload";
import type { Actor } from "../lti/sessionToken";
import type { EvidenceCommentDoc } from "../models/evidenceComment";

/** A comment as the reader sees it: whether it is theirs, never the author's user id. */
export function presentComment(actor: Actor, c: EvidenceCommentDoc): TEvidenceComment {
  return {
    id: c._id.toString(),
    evidenceId: String(c.evidenceId),
    authorName: c.authorName,
    authorRole: c.authorRole as TEvidenceComment["authorRole"],
    isMine: c.authorUserId === actor.userId,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}
