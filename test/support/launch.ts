import type { RunningTool } from "../../server/src/boot";

/** A user seeded by the development platform. */
export const devUsers = {
  mentor: "dev-mentor-1",
  mentor2: "dev-mentor-2",
  tutor: "dev-tutor-1",
  lead: "dev-lead-1",
} as const;
export const devCourse = "course-mentor-2026";
export const otherCourse = "course-other";

export interface LaunchOptions {
  userId: string;
  courseId?: string;
  resourceLinkId?: string;
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  custom?: Record<string, string>;
  /** A dynamically registered client of the development platform. */
  clientId?: string;
}

/** Reads the action and hidden fields of the auto-submitting form a platform or tool returns. */
export function parseAutoPostForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/i.exec(html)?.[1];
  if (!action) throw new Error(`No form in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1];
    if (name && value !== undefined) fields[name] = decodeEntities(value);
  }
  return { action: decodeEntities(action), fields };
}

function decodeEntities(s: string) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Step 1 of a launch: OIDC login initiation at the tool; returns where the tool sent the browser. */
export async function startLogin(tool: RunningTool, opts: LaunchOptions) {
  const platform = tool.devPlatform!;
  const fields = platform.loginInitiation({ courseId: devCourse, ...opts });
  const res = await fetch(`${tool.url}/lti/login`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  if (res.status !== 302) throw new Error(`login initiation answered ${res.status}: ${await res.text()}`);
  const location = new URL(res.headers.get("location")!);
  return {
    authUrl: location,
    state: location.searchParams.get("state")!,
    nonce: location.searchParams.get("nonce")!,
    cookie: cookiesFrom(res),
  };
}

/** Posts an id_token to the tool's launch URL as the platform's form would. */
export async function postLaunch(tool: RunningTool, body: Record<string, string>, cookie = "") {
  return fetch(`${tool.url}/lti/launch`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
}

/**
 * A full LTI 1.3 launch through the development platform over real HTTP: login initiation,
 * the platform's authorization endpoint, the signed id_token POST. Returns the session token.
 */
export async function launchAs(tool: RunningTool, opts: LaunchOptions): Promise<{ token: string; location: string }> {
  const login = await startLogin(tool, opts);
  const auth = await fetch(login.authUrl, { redirect: "manual" });
  if (auth.status !== 200) throw new Error(`platform auth answered ${auth.status}: ${await auth.text()}`);
  const form = parseAutoPostForm(await auth.text());
  const res = await postLaunch(tool, form.fields, login.cookie);
  const location = res.headers.get("location") ?? "";
  const token = /#session=([^&]+)/.exec(location)?.[1];
  if (res.status !== 303 || !token)
    throw new Error(`launch answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return { token: decodeURIComponent(token), location };
}

/** Authorization header for API calls with a session token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
