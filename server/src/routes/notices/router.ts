import { Router } from "express";
import { z } from "zod";
import { ZNoticeList } from "../../contracts/decisions";
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
 * /api/notices — what the tool has to tell the signed-in mentor (module marked or returned,
 * comments, outcomes released, certificates issued or revoked, hours over the cap), newest first,
 * with how many are unread; POST /:id/read and /read-all mark them read. Only one's own notices:
 * anyone else's is not found.
 */
export function noticesRouter(): Router {
  const router = Router();
  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    const own = { ...courseScope(actor), mentorUserId: actor.userId };
    const [notices, unread] = await Promise.all([
      Notice.find(own).sort({ createdAt: -1 }).limit(20).lean<NoticeDoc[]>(),
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
    res.json(present(notice));
  }));

  router.post("/read-all", handle(async (req, res) => {
    const actor = actorOf(req);
    const result = await Notice.updateMany({ ...courseScope(actor), mentorUserId: actor.userId, readAt: null }, { $set: { readAt: new Date() } });
    res.json({ marked: result.modifiedCount });
  }));
  return router;
}
