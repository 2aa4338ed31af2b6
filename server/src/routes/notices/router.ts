import type { Router } from "express";
import { noticesEndpoints } from "../../contracts/notices";
import { markAllNoticesRead, markNoticeRead } from "../../commands/markNoticesRead";
import { notFound } from "../../errors";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { NoticeDoc } from "../../models/notice";
import { courseScope } from "../../policies/scope";
import { ownNotice, ownNotices } from "../../queries/noticeReads";

const present = (n: NoticeDoc) => ({
  id: n._id.toString(),
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link ?? null,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** Whoever asks, the notices are their own: the owner comes from the session only. */
const ownerOf = (actor: Actor) => ({ ...courseScope(actor), mentorUserId: actor.userId });

/**
 * /api/notices — what the tool has to tell the signed-in person (a mentor: module marked or
 * returned, comments, outcomes released, certificates issued or revoked, hours over the cap; a
 * tutor or lead mentor: a mentor's reply to their comment), newest first (`?limit=`, default 20; `?only=unread`),
 * with how many are unread; POST /:id/read and /read-all mark them read. Only one's own notices:
 * anyone else's is not found.
 */
export function noticesRouter(): Router {
  const { router, implement } = endpointRouter("/api/notices");

  implement(noticesEndpoints.list, {
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { query } }) => {
      const { notices, unread } = await ownNotices(ownerOf(actor), {
        limit: query.limit,
        onlyUnread: query.only === "unread",
      });
      return { notices: notices.map(present), unread };
    },
  });

  implement(noticesEndpoints.markRead, {
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { params } }) => {
      const owner = ownerOf(actor);
      await markNoticeRead({ owner, noticeId: params.id });
      const notice = await ownNotice(owner, params.id);
      if (!notice) throw notFound("That notice");
      return present(notice);
    },
  });

  implement(noticesEndpoints.markAllRead, {
    policy: anyoneSignedIn,
    handler: async ({ actor }) => ({ marked: await markAllNoticesRead({ owner: ownerOf(actor) }) }),
  });
  return router;
}
