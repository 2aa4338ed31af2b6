/**
 * The launch baseline: a bare ltijs 5.9.9 tool, as its README shows it. The plain
 * `require('ltijs').Provider` singleton, its own process, the same database engine (its own
 * database), registered with the same development platform. The launch route returns a static
 * page; GET /api/ping sits behind ltijs's authentication (ltik + session cookie) and is the
 * "first authenticated API call".
 *
 * Environment: PORT, LTI_KEY, MONGODB_URI, PLATFORM_ISSUER, CLIENT_ID. Prints BARE_LTIJS_READY.
 */
import http from "node:http";
import { createRequire } from "node:module";
import type { Request, Response } from "express";

const require = createRequire(import.meta.url);
// ltijs ships no types; this baseline uses it exactly as plain JavaScript would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lti = require("ltijs").Provider as any;

const STATIC_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare ltijs</title></head>
<body><main><h1>Launched</h1><p>A static page served by a bare ltijs tool.</p></main></body></html>`;

async function main() {
  const env = process.env;
  const issuer = env.PLATFORM_ISSUER!;
  lti.setup(
    env.LTI_KEY!,
    { url: env.MONGODB_URI! },
    {
      appRoute: "/",
      loginRoute: "/login",
      keysetRoute: "/keys",
      // Plain http on loopback: the state and session cookies cannot be Secure.
      cookies: { secure: false, sameSite: "Lax" },
      devMode: false,
    },
  );
  lti.onConnect((_token: unknown, _req: Request, res: Response) => res.type("html").send(STATIC_PAGE));
  lti.app.get("/api/ping", (_req: Request, res: Response) => {
    const token = res.locals.token as { user?: string; platformContext?: { context?: { id?: string } } };
    res.json({ user: token.user, context: token.platformContext?.context?.id ?? null });
  });

  await lti.deploy({ serverless: true, silent: true });
  await lti.registerPlatform({
    url: issuer,
    name: "Bench development platform",
    clientId: env.CLIENT_ID!,
    authenticationEndpoint: `${issuer}/auth`,
    accesstokenEndpoint: `${issuer}/token`,
    authConfig: { method: "JWK_SET", key: `${issuer}/jwks` },
  });

  const server = http.createServer(lti.app);
  await new Promise<void>((resolve) => server.listen(Number(env.PORT), "127.0.0.1", resolve));
  console.log("BARE_LTIJS_READY");
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
