import { Router } from "express";
import { ZNoticeList } from "../../contracts/decisions";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { Notice } from "../../models/notice";
import { courseScope } from "../../policies/scope";

/** /api/notices — what the tool has to tell the signed-in mentor (outcomes released, revocations), newest first. */
export function noticesRouter(): Router {
  const router = Router();
  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    const notices = await Notice.find({ ...courseScope(actor), mentorUserId: actor.userId }).sort({ createdAt: -1 }).limit(20).lean();
    res.json(ZNoticeList.parse({ notices: notices.map((n) => ({ id: n._id.toString(), kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, createdAt: n.createdAt.toISOString() })) }));
  }));
  return router;
}
