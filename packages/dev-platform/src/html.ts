import { randomBytes } from "node:crypto";
import type { Response } from "express";

/** A rendered HTML page and the Content-Security-Policy that lets its one inline script run. */
export interface Page {
  html: string;
  csp: string;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
.banner{background:#5c2d00;color:#fff;padding:.5rem 1rem;font-weight:600}
main{max-width:60rem;margin:0 auto;padding:1rem}
button{font:inherit;padding:.35rem .8rem;margin:.15rem 0;border:2px solid #003a70;background:#003a70;color:#fff;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#003a70}
button:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #767676;padding:.3rem .6rem;text-align:left}
section{border-top:1px solid #767676;margin-top:1.5rem}
iframe{width:100%;height:80vh;border:1px solid #767676}
button{max-width:100%;white-space:normal;text-align:left}
code,dd{overflow-wrap:anywhere}
input[type=text],select{font:inherit;max-width:100%}
.field{margin:.5rem 0}.field label{display:block;font-weight:600}
.notice{border-left:6px solid #00703c;padding-left:1rem}
@media (max-width:40rem){
table,thead,tbody,tr,th,td,caption{display:block}
thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border:1px solid #767676;margin:.5rem 0;padding:.25rem .5rem}
th,td{border:0;padding:.15rem 0}
}
.error{border-left:6px solid #a00;padding-left:1rem}
`;

/** Wraps content in the platform's page layout, always labelled as not a real LMS. */
export function renderPage(p: { title: string; main: string; script?: string }): Page {
  const nonce = randomBytes(16).toString("base64");
  const script = p.script ? `<script nonce="${nonce}">${p.script}</script>` : "";
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} — Development platform</title><style>${STYLE}</style></head>
<body>
<div class="banner" role="note">Development platform — not a real LMS</div>
<main>${p.main}</main>
${script}
</body>
</html>`;
  // Our own policy, so a strict policy set by the host app cannot block the auto-submitting forms,
  // while still allowing them to post to the tool wherever it lives.
  const csp = `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; form-action *; frame-src *; base-uri 'none'`;
  return { html, csp };
}

export function sendPage(res: Response, page: Page, status = 200): void {
  res
    .status(status)
    .set("Content-Security-Policy", page.csp)
    .set("Cache-Control", "no-store")
    .type("html")
    .send(page.html);
}

export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
}

/**
 * A form that posts itself on load, as LMSes do for OIDC steps; the visible button keeps it
 * usable without JavaScript.
 */
export function autoSubmitPage(p: {
  title: string;
  action: string;
  fields: Record<string, string>;
  explanation: string;
}): Page {
  return renderPage({
    title: p.title,
    main: `<h1>${escapeHtml(p.title)}</h1>
<form id="auto-submit" method="post" action="${escapeHtml(p.action)}">
${hiddenFields(p.fields)}
<p>${escapeHtml(p.explanation)}</p>
<button type="submit">Continue</button>
</form>`,
    script: `document.getElementById("auto-submit").submit();`,
  });
}

export function errorPage(status: number, code: string, message: string): Page {
  return renderPage({
    title: "Request refused",
    main: `<div class="error"><h1>Request refused (${status})</h1>
<p>${escapeHtml(message)}</p>
<p>Error code: <code>${escapeHtml(code)}</code></p></div>
<p><a href="./">Back to the development platform</a></p>`,
  });
}
