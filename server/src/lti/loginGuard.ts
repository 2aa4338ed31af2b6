import type { NextFunction, Request, Response } from "express";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { UsedLoginState } from "../models/loginState";
import { createLoginStates, type LoginStates } from "./loginStates";
import { isDuplicateKeyError } from "../errors";
import { sendLaunchErrorPage } from "./errorPage";
import { recentRegistration } from "./registrations";
import { platformKeysets } from "./jwksCache";

const retryHint = "Please go back to your course and open Mentor Pathways again.";

const ZLoginParams = z.object({
  iss: z.string().url(),
  login_hint: z.string().min(1),
  target_link_uri: z.string().url(),
  client_id: z.string().min(1).optional(),
  lti_message_hint: z.string().optional(),
  lti_deployment_id: z.string().optional(),
});

/** The login and launch guards of one tool instance, sharing its record of started logins. */
export function createLoginGuards(logins: LoginStates = createLoginStates()) {
  return {
    guardLogin: (req: Request, res: Response, next: NextFunction) => guardLogin(logins, req, res, next),
    guardLaunch: (req: Request, res: Response, next: NextFunction) => guardLaunch(logins, req, res, next),
  };
}

/**
 * Before ltijs handles an OIDC login: checks the parameters, then records the state and nonce
 * ltijs sends to the platform so the launch can be bound to this login without cookies.
 */
async function guardLogin(logins: LoginStates, req: Request, res: Response, next: NextFunction) {
  const parsed = ZLoginParams.safeParse({ ...req.query, ...(req.body ?? {}) });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    return sendLaunchErrorPage(
      res,
      400,
      "The login request is incomplete",
      `Your VLE's login request is missing or has invalid: ${fields}.`,
      retryHint,
    );
  }
  const originalRedirect = res.redirect.bind(res) as (url: string) => void;
  (res as { redirect: (url: string) => void }).redirect = (url: string) => {
    const target = new URL(url);
    const state = target.searchParams.get("state");
    const nonce = target.searchParams.get("nonce");
    if (!state || !nonce) return originalRedirect(url);
    // Not waited for: this process answers its own launches from memory, and another process
    // reading before the save lands waits a moment (loginStates.ts).
    logins
      .remember(state, { nonce, issuer: parsed.data.iss, clientId: parsed.data.client_id ?? null })
      .catch((err) => console.error("[lti] could not save a login state:", err));
    originalRedirect(url);
  };
  next();
}

const ZLaunchBody = z.object({ id_token: z.string().min(1), state: z.string().min(1) });

/**
 * Before ltijs validates a launch: the body must carry an id_token that is a JWT, for a login we
 * started, with the nonce we sent and from the issuer we sent it to. ltijs then checks the
 * signature, audience, expiry, nonce replay and claims.
 */
async function guardLaunch(logins: LoginStates, req: Request, res: Response, next: NextFunction) {
  const body = ZLaunchBody.safeParse(req.body ?? {});
  if (!body.success) {
    return sendLaunchErrorPage(
      res,
      400,
      "Nothing to launch",
      "This address receives launches from a VLE; the request did not include one (id_token and state).",
      retryHint,
    );
  }
  let claims: { iss?: unknown; nonce?: unknown; aud?: unknown; azp?: unknown };
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(body.data.id_token).kid;
    claims = decodeJwt(body.data.id_token);
  } catch {
    return sendLaunchErrorPage(
      res,
      400,
      "The launch could not be read",
      "Your VLE sent a launch that is not a valid signed token.",
      retryHint,
    );
  }
  // Independent lookups, run together: they are most of what this guard adds to a launch. The
  // registration is looked up by the token's unverified issuer and used only once that issuer
  // is shown to be the one this login was sent to.
  const [login, isFirstUse, registration] = await Promise.all([
    logins.find(body.data.state),
    markStateUsed(body.data.state),
    registrationFromClaims(claims),
  ]);
  // Memory hygiene only (the claim is what makes a state single-use); after the read above.
  if (isFirstUse) logins.forget(body.data.state);
  if (!login || !isFirstUse) {
    return sendLaunchErrorPage(
      res,
      401,
      "This launch has expired or was already used",
      "Each launch can be used once, within a few minutes of starting it.",
      retryHint,
    );
  }
  if (claims.iss !== login.issuer) {
    return sendLaunchErrorPage(
      res,
      401,
      "The launch could not be verified",
      "The launch came from a different VLE than the one that started it.",
      retryHint,
    );
  }
  if (claims.nonce !== login.nonce) {
    return sendLaunchErrorPage(
      res,
      401,
      "The launch could not be verified",
      "The launch does not belong to the sign-in that started it.",
      retryHint,
    );
  }
  // The cached keyset must hold the launch's kid before ltijs verifies the signature; the
  // registration is handed on so the launch handler need not read it again. Failures are left
  // for ltijs to report (KEYSET_NOT_FOUND / KEY_NOT_FOUND / UNREGISTERED_PLATFORM).
  if (registration?.jwksUrl && kid) await platformKeysets.get(registration.jwksUrl, kid).catch(() => undefined);
  res.locals.registration = registration;
  next();
}

function registrationFromClaims(claims: { iss?: unknown; aud?: unknown; azp?: unknown }) {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const clientId =
    typeof claims.azp === "string" ? claims.azp : audiences.find((a): a is string => typeof a === "string");
  if (typeof claims.iss !== "string" || !clientId) return Promise.resolve(null);
  return recentRegistration(claims.iss, clientId);
}

/** True for exactly one caller per login state, however many replays race. */
async function markStateUsed(state: string): Promise<boolean> {
  try {
    // Straight to the collection, as for the login state (loginStates.ts): one insert per launch.
    await UsedLoginState.collection.insertOne({ _id: state as never, createdAt: new Date() });
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
  return true;
}
