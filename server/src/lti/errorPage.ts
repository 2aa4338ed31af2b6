import type { Response } from "express";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Sends a small, accessible HTML page for a launch the person cannot continue. */
export function sendLaunchErrorPage(res: Response, status: number, title: string, message: string, hint?: string) {
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} — Mentor Pathways</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f7f7f5}main{max-width:40rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #c9c9c4;border-radius:8px}h1{font-size:1.5rem;margin-top:0}p.hint{color:#4a4a46}</style>` +
        `</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
        (hint ? `<p class="hint">${escapeHtml(hint)}</p>` : "") +
        `</main></body></html>`,
    );
}

const retry =
  "Please go back to your course and open Mentor Pathways again. If this keeps happening, contact your VLE administrator.";

// ltijs reports launch failures as bare strings; these are the ones a person can meet.
const explanations: Record<string, { title: string; message: string; status: number }> = {
  INVALID_JWT_RECEIVED: {
    status: 400,
    title: "The launch could not be read",
    message: "Your VLE sent a launch that is not a valid signed token.",
  },
  MISSING_VALIDATION_COOKIE: {
    status: 401,
    title: "The launch could not be verified",
    message:
      "Your browser did not return the sign-in check we set a moment ago (it may block cookies in embedded pages, or the launch was started in another window).",
  },
  ISS_CLAIM_DOES_NOT_MATCH: {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch came from a different VLE than the one that started it.",
  },
  UNREGISTERED_PLATFORM: {
    status: 401,
    title: "This VLE is not registered",
    message: "Mentor Pathways has no registration for the VLE (issuer and client id) that sent this launch.",
  },
  PLATFORM_NOT_ACTIVATED: {
    status: 401,
    title: "This VLE is not yet activated",
    message: "The registration for your VLE exists but has not been activated by an administrator.",
  },
  KID_NOT_FOUND: {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch token did not say which key signed it.",
  },
  KEY_NOT_FOUND: {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch was signed with a key your VLE does not publish.",
  },
  KEYSET_NOT_FOUND: {
    status: 401,
    title: "The launch could not be verified",
    message: "Your VLE's public keys could not be read.",
  },
  "invalid signature": {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch's signature is not valid.",
  },
  "jwt expired": {
    status: 401,
    title: "The launch has expired",
    message: "The launch took too long to arrive and has expired.",
  },
  TOKEN_TOO_OLD: {
    status: 401,
    title: "The launch has expired",
    message: "The launch took too long to arrive and has expired.",
  },
  NONCE_ALREADY_RECEIVED: {
    status: 401,
    title: "This launch was already used",
    message: "Each launch can be used once; this one has been used before.",
  },
  ALG_NOT_RS256: {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch was not signed with RS256, as LTI 1.3 requires.",
  },
  NO_MESSAGE_TYPE_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not say what kind of LTI message it is.",
  },
  NO_TARGET_LINK_URI_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not include its target link.",
  },
  NO_RESOURCE_LINK_ID_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not include its resource link.",
  },
  NO_LTI_VERSION_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not include the LTI version.",
  },
  WRONG_LTI_VERSION_CLAIM: {
    status: 400,
    title: "Unsupported LTI version",
    message: "Mentor Pathways supports LTI 1.3 launches only.",
  },
  NO_DEPLOYMENT_ID_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not include its deployment id.",
  },
  NO_SUB_CLAIM: { status: 400, title: "The launch is incomplete", message: "The launch did not say who you are." },
  NO_ROLES_CLAIM: {
    status: 400,
    title: "The launch is incomplete",
    message: "The launch did not include your role in the course.",
  },
  NO_LTIK_OR_IDTOKEN_FOUND: {
    status: 400,
    title: "Nothing to launch",
    message: "This address is for launches from a VLE; none was received.",
  },
  AZP_DOES_NOT_MATCH_CLIENTID: {
    status: 401,
    title: "The launch could not be verified",
    message: "The launch was meant for a different tool.",
  },
};

/** Explains an ltijs launch failure to a person; never echoes the token or any secret. */
export function explainLtijsError(code: string | undefined) {
  const known = code
    ? (explanations[code] ??
      (code.startsWith("jwt") || code.includes("signature") ? explanations["invalid signature"] : undefined))
    : undefined;
  return {
    ...(known ?? {
      status: 401,
      title: "The launch could not be verified",
      message: "Mentor Pathways could not verify this launch from your VLE.",
    }),
    hint: retry,
    code: code ?? "unknown",
  };
}
