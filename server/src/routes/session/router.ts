import { Router } from "express";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { recentRegistration } from "../../lti/registrations";
import { presentSession } from "../../presenters/session";

/** GET /api/session — who is signed in, their course and what they may do. */
export function sessionRouter(): Router {
  const router = Router();
  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      // The app's first call after every launch: the registration the launch just read serves it.
      const registration = await recentRegistration(actor.issuer, actor.clientId);
      const name = registration && registration._id.toString() === actor.tenantId ? registration.name : null;
      res.json(presentSession(actor, name ?? "Your VLE"));
    }),
  );
  return router;
}
