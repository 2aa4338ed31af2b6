import type { TPublicVerification } from "../contracts/certificates";
import { longDate } from "./urls";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Mentor Pathways</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
.status{font-weight:700;padding:.5rem .75rem;border:2px solid;display:inline-block}.valid{color:#0b5e1f}.revoked{color:#a00000}
dt{font-weight:600}dd{margin:0 0 .75rem}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The public verification page for a certificate: holder, award, date and whether it stands; no more. */
export function renderVerificationPage(v: TPublicVerification): string {
  const status =
    v.status === "valid"
      ? `<p class="status valid">Valid: this certificate was issued and has not been revoked.</p>`
      : `<p class="status revoked">Revoked on ${escapeHtml(longDate(new Date(v.revokedOn!)))}: this certificate is no longer valid.</p>`;
  const credit = v.credits ? `<dt>Credit</dt><dd>${v.credits} credits at FHEQ level ${v.fheqLevel}</dd>` : "";
  return page(
    `Certificate ${v.verificationCode}`,
    `<h1>Certificate verification</h1>${status}
<dl><dt>Awarded to</dt><dd>${escapeHtml(v.mentorName)}</dd>
<dt>Award</dt><dd>${escapeHtml(v.qualificationTitle)}</dd>${v.awardedThrough === "prior_learning" ? "<dt>Route</dt><dd>Awarded through the prior-learning route (evidence from past mentoring)</dd>" : ""}${credit}
<dt>Awarded by</dt><dd>${escapeHtml(v.partnership)}</dd>
<dt>Date</dt><dd>${escapeHtml(longDate(new Date(v.issuedOn)))}</dd></dl>`,
  );
}

/** The page for a code we do not know (or a malformed one): same words either way. */
export function renderUnknownCodePage(): string {
  return page(
    "Certificate not found",
    `<h1>Certificate not found</h1><p>No certificate has this verification code. Please check the code as printed on the certificate.</p>`,
  );
}

/** The page for an address that has tried too many codes that do not exist (429). */
export function renderTooManyGuessesPage(message: string): string {
  return page("Too many attempts", `<h1>Too many attempts</h1><p>${escapeHtml(message)}</p>`);
}
