import { parseAutoPostForm } from "../../test/support/launch";

/** Cookies as a browser keeps them for one site (name → value), enough for ltijs's cookies. */
export class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const isExpired = attributes.some((a) => {
        const [k, v] = a.trim().split("=");
        if (k.toLowerCase() === "max-age") return Number(v) <= 0;
        if (k.toLowerCase() === "expires") return Date.parse(v) <= Date.now();
        return false;
      });
      if (isExpired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }
}

function fail(step: string, res: Response, body: string): never {
  throw new Error(`${step} answered ${res.status}: ${body.slice(0, 300)}`);
}

/** The platform's launch button, untimed: the OIDC login-initiation form it would auto-post. */
export async function platformLoginForm(issuer: string, p: { userId: string; courseId: string; clientId?: string }) {
  const query = new URLSearchParams({
    user: p.userId,
    course: p.courseId,
    ...(p.clientId ? { client: p.clientId } : {}),
  });
  const res = await fetch(`${issuer}/launch?${query}`);
  const body = await res.text();
  if (res.status !== 200) fail("platform launch", res, body);
  return parseAutoPostForm(body);
}

/** Per-step latencies of launches (ms), when the caller wants the breakdown. */
export type StepTimes = Map<string, number[]>;

/** Times the steps of one launch into `steps` (if given). */
function stepClock(steps: StepTimes | undefined) {
  let last = performance.now();
  return (name: string) => {
    const now = performance.now();
    if (steps) {
      if (!steps.has(name)) steps.set(name, []);
      steps.get(name)!.push(now - last);
    }
    last = now;
  };
}

/** Login initiation at the tool, then the platform's authorization endpoint: returns the id_token form. */
async function loginAndAuthorize(
  login: { action: string; fields: Record<string, string> },
  jar: CookieJar,
  step: (name: string) => void,
) {
  const res = await fetch(login.action, {
    method: "POST",
    body: new URLSearchParams(login.fields),
    redirect: "manual",
  });
  jar.take(res);
  if (res.status !== 302) fail("login initiation", res, await res.text());
  await res.arrayBuffer();
  step("1 login initiation (tool)");
  const auth = await fetch(res.headers.get("location")!, { redirect: "manual" });
  const html = await auth.text();
  if (auth.status !== 200) fail("platform auth", auth, html);
  step("2 authorization (platform)");
  return parseAutoPostForm(html);
}

/** The browser's auto-submitted id_token form, posted to the tool; returns where the tool sent it. */
async function postIdToken(form: { action: string; fields: Record<string, string> }, jar: CookieJar) {
  const res = await fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(form.fields),
    headers: jar.header(),
    redirect: "manual",
  });
  jar.take(res);
  return { res, location: res.headers.get("location") ?? "" };
}

/**
 * One full launch of Mentor Pathways, as a browser does it: login initiation → platform auth →
 * id_token POST → 303 to /app/#session=TOKEN → the app page → GET /api/session with the bearer.
 */
export async function launchOurs(
  toolUrl: string,
  login: { action: string; fields: Record<string, string> },
  steps?: StepTimes,
): Promise<void> {
  const step = stepClock(steps);
  const jar = new CookieJar();
  const form = await loginAndAuthorize(login, jar, step);
  const { res, location } = await postIdToken(form, jar);
  const token = /#session=([^&]+)/.exec(location)?.[1];
  if (res.status !== 303 || !token) fail("launch", res, await res.text());
  await res.arrayBuffer();
  step("3 id_token POST (tool)");
  const page = await fetch(new URL(location, toolUrl), { headers: jar.header() });
  if (page.status !== 200) fail("app page", page, await page.text());
  await page.arrayBuffer();
  step("4 launch page (tool)");
  const api = await fetch(`${toolUrl}/api/session`, {
    headers: { authorization: `Bearer ${decodeURIComponent(token)}` },
  });
  const body = await api.text();
  if (api.status !== 200) fail("GET /api/session", api, body);
  step("5 first API call (tool)");
}

/**
 * One full launch of the bare ltijs tool: login initiation → platform auth → id_token POST →
 * redirect to /?ltik=… (ltijs's launch route, a static page) → GET /api/ping with the ltik and
 * the session cookie ltijs set, as a browser would send it.
 */
export async function launchBare(
  baseUrl: string,
  login: { action: string; fields: Record<string, string> },
  steps?: StepTimes,
): Promise<void> {
  const step = stepClock(steps);
  const jar = new CookieJar();
  const form = await loginAndAuthorize(login, jar, step);
  const { res, location } = await postIdToken(form, jar);
  const ltik = new URL(location, baseUrl).searchParams.get("ltik");
  if (res.status !== 302 || !ltik) fail("launch", res, await res.text());
  await res.arrayBuffer();
  step("3 id_token POST (tool)");
  const page = await fetch(new URL(location, baseUrl), { headers: jar.header(), redirect: "manual" });
  jar.take(page);
  if (page.status !== 200) fail("launch page", page, await page.text());
  await page.arrayBuffer();
  step("4 launch page (tool)");
  const api = await fetch(`${baseUrl}/api/ping?ltik=${encodeURIComponent(ltik)}`, {
    headers: jar.header(),
    redirect: "manual",
  });
  const body = await api.text();
  if (api.status !== 200) fail("GET /api/ping", api, body);
  step("5 first API call (tool)");
}

/** Runs `count` calls of `one` with `concurrency` in flight; returns each call's latency (ms) and the wall time. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  one: () => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      await one();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, wallMs: performance.now() - started };
}

/**
 * Registers a tool with the development platform through LTI Dynamic Registration (the
 * platform's /start-registration token, then POST /register), as an LMS administrator would.
 */
export async function registerWithPlatform(
  issuer: string,
  tool: { name: string; url: string; loginPath: string; launchPath: string; keysPath: string },
) {
  const start = await fetch(`${issuer}/start-registration`, { redirect: "manual" });
  const token = new URL(start.headers.get("location") ?? "http://x/").searchParams.get("registration_token");
  if (!token) fail("start-registration", start, await start.text());
  const launchUrl = `${tool.url}${tool.launchPath}`;
  const res = await fetch(`${issuer}/register`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      application_type: "web",
      response_types: ["id_token"],
      grant_types: ["implicit", "client_credentials"],
      initiate_login_uri: `${tool.url}${tool.loginPath}`,
      redirect_uris: [launchUrl],
      client_name: tool.name,
      jwks_uri: `${tool.url}${tool.keysPath}`,
      token_endpoint_auth_method: "private_key_jwt",
      "https://purl.imsglobal.org/spec/lti-tool-configuration": {
        domain: new URL(tool.url).host,
        target_link_uri: launchUrl,
      },
    }),
  });
  const body = (await res.json()) as {
    client_id?: string;
    "https://purl.imsglobal.org/spec/lti-tool-configuration"?: { deployment_id?: string };
  };
  if (res.status !== 200 || !body.client_id)
    throw new Error(`dynamic registration answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return {
    clientId: body.client_id,
    deploymentId: body["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.deployment_id ?? "",
  };
}
