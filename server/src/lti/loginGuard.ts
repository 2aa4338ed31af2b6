import type { NextFunction, Request, Response } from "express";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { LoginState, UsedLoginState } from "../models/loginState";
import { isDuplicateKeyError } from "../errors";
import { sendLaunchErrorPage } from "./errorPage";
import { Registration } from "../models/registration";
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

/**
 * Before ltijs handles an OIDC login: checks the parameters, then records the state and nonce
 * ltijs sends to the platform so the launch can be bound to this login without cookies.
 */
export async function guardLogin(req: Request, res: Response, next: NextFunction) {
  const parsed = ZLoginParams.safeParse({ ...req.query, ...(req.body ?? {}) });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    return sendLaunchErrorPage(res, 400, "The login request is incomplete", `Your VLE's login request is missing or has invalid: ${fields}.`, retryHint);
  }
  const originalRedirect = res.redirect.bind(res) as (url: string) => void;
  (res as { redirect: (url: string) => void }).redirect = (url: string) => {
    const target = new URL(url);
    const state = target.searchParams.get("state");
    const nonce = target.searchParams.get("nonce");
    if (!state || !nonce) return originalRedirect(url);
    LoginState.create({ _id: state, nonce, issuer: parsed.data.iss, clientId: parsed.data.client_id ?? null }).then(
      () => originalRedirect(url),
      (err) => next(err),
    );
  };
  next();
}

const ZLaunchBody = z.object({ id_token: z.string().min(1), state: z.string().min(1) });

/**
 * Before ltijs validates a launch: the body must carry an id_token that is a JWT, for a login we
 * started, with the nonce we sent and from the issuer we sent it to. ltijs then checks the
 * signature, audience, expiry, nonce replay and claims.
 */
export async function guardLaunch(req: Request, res: Response, next: NextFunction) {
  const body = ZLaunchBody.safeParse(req.body ?? {});
  if (!body.success) {
    return sendLaunchErrorPage(res, 400, "Nothing to launch", "This address receives launches from a VLE; the request did not include one (id_token and state).", retryHint);
  }
  let claims: { iss?: unknown; nonce?: unknown; aud?: unknown; azp?: unknown };
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(body.data.id_token).kid;
    claims = decodeJwt(body.data.id_token);
  } catch {
    return sendLaunchErrorPage(res, 400, "The launch could not be read", "Your VLE sent a launch that is not a valid signed token.", retryHint);
  }
  const login = await LoginState.findById(body.data.state).lean();
  if (!login || !(await markStateUsed(body.data.state))) {
    return sendLaunchErrorPage(res, 401, "This launch has expired or was already used", "Each launch can be used once, within a few minutes of starting it.", retryHint);
  }
  if (claims.iss !== login.issuer) {
    return sendLaunchErrorPage(res, 401, "The launch could not be verified", "The launch came from a different VLE than the one that started it.", retryHint);
  }
  if (claims.nonce !== login.nonce) {
    return sendLaunchErrorPage(res, 401, "The launch could not be verified", "The launch does not belong to the sign-in that started it.", retryHint);
  }
  res.locals.registration = await warmKeyset(login.issuer, claims, kid);
  next();
}

// Makes sure the cached keyset holds the launch's kid before ltijs verifies the signature, and
// returns the registration so the launch handler need not read it again. Failures are left for
// ltijs to report (KEYSET_NOT_FOUND / KEY_NOT_FOUND / UNREGISTERED_PLATFORM).
async function warmKeyset(issuer: string, claims: { aud?: unknown; azp?: unknown }, kid: string | undefined) {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const clientId = typeof claims.azp === "string" ? claims.azp : audiences.find((a): a is string => typeof a === "string");
  if (!clientId) return null;
  const registration = await Registration.findOne({ issuer, clientId }).lean();
  if (registration?.jwksUrl && kid) await platformKeysets.get(registration.jwksUrl, kid).catch(() => undefined);
  return registration;
}

/** True for exactly one caller per login state, however many replays race. */
async function markStateUsed(state: string): Promise<boolean> {
  try {
    await UsedLoginState.create({ _id: state });
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
  await LoginState.deleteOne({ _id: state });
  return true;
}
