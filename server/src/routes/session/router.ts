import { Router } from "express";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { Registration } from "../../models/registration";
import { presentSession } from "../../presenters/session";

/** GET /api/session — who is signed in, their course and what they may do. */
export function sessionRouter(): Router {
  const router = Router();
  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      const registration = await Registration.findById(actor.tenantId, { name: 1 }).lean();
      res.json(presentSession(actor, registration?.name ?? "Your VLE"));
    }),
  );
  return router;
}
