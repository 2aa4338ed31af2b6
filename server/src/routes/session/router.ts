import type { Router } from "express";
import { sessionEndpoints } from "../../contracts/session";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import { recentRegistration } from "../../lti/registrations";
import { presentSession } from "../../presenters/session";

/** GET /api/session — who is signed in, their course and what they may do. */
export function sessionRouter(): Router {
  const { router, implement } = endpointRouter("/api/session");
  implement(sessionEndpoints.read, {
    policy: anyoneSignedIn,
    handler: async ({ actor }) => {
      // The app's first call after every launch: the registration the launch just read serves it.
      const registration = await recentRegistration(actor.issuer, actor.clientId);
      const name = registration && registration._id.toString() === actor.tenantId ? registration.name : null;
      return presentSession(actor, name ?? "Your VLE");
    },
  });
  return router;
}
