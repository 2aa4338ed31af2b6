import { Router } from "express";
import { z } from "zod";
import { ZNotice, ZNoticeList, ZNoticeListQuery, ZNoticesMarkedRead } from "../../contracts/notices";
import { ZObjectId } from "../../contracts/evidence";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Notice, type NoticeDoc } from "../../models/notice";
import { courseScope } from "../../policies/scope";

const ZNoticeParams = z.object({ id: ZObjectId.describe("Notice") });

const present = (n: NoticeDoc) => ({
  id: n._id.toString(),
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link ?? null,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/**
 * /api/notices — what the tool has to tell the signed-in person (a mentor: module marked or
 * returned, comments, outcomes released, certificates issued or revoked, hours over the cap; a
 * tutor or lead mentor: a mentor's reply to their comment), newest first (`?limit=`, default 20; `?only=unread`),
 * with how many are unread; POST /:id/read and /read-all mark them read. Only one's own notices:
 * anyone else's is not found.
 */
export function noticesRouter(): Router {
  const router = Router();
  const list = { query: ZNoticeListQuery };
  router.get("/", validate(list), handle(async (req, res) => {
    const actor = actorOf(req);
    const { query } = inputOf(req, list);
    const own = { ...courseScope(actor), mentorUserId: actor.userId };
    const [notices, unread] = await Promise.all([
      Notice.find(query.only === "unread" ? { ...own, readAt: null } : own).sort({ createdAt: -1, _id: -1 }).limit(query.limit).lean<NoticeDoc[]>(),
      Notice.countDocuments({ ...own, readAt: null }),
    ]);
    res.json(ZNoticeList.parse({ notices: notices.map(present), unread }));
  }));

  const read = { params: ZNoticeParams };
  router.post("/:id/read", validate(read), handle(async (req, res) => {
    const actor = actorOf(req);
    const { params } = inputOf(req, read);
    const own = { ...courseScope(actor), mentorUserId: actor.userId, _id: params.id };
    // Read once: a second press keeps the first time.
    await Notice.updateOne({ ...own, readAt: null }, { $set: { readAt: new Date() } });
    const notice = await Notice.findOne(own).lean<NoticeDoc>();
    if (!notice) throw notFound("That notice");
    res.json(ZNotice.parse(present(notice)));
  }));

  router.post("/read-all", handle(async (req, res) => {
    const actor = actorOf(req);
    const result = await Notice.updateMany({ ...courseScope(actor), mentorUserId: actor.userId, readAt: null }, { $set: { readAt: new Date() } });
    res.json(ZNoticesMarkedRead.parse({ marked: result.modifiedCount }));
  }));
  return router;
}
