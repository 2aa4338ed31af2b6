import fs from "node:fs";
import path from "node:path";
import express from "express";
import type { AppDeps } from "./appDeps";
import { authenticate } from "./http/authenticate";
import { healthRouter } from "./http/health";
import { errorMiddleware, notFound } from "./errors";
import { apiRoutes } from "./routes";
import { projectRoot } from "./projectRoot";
import { VIDEO_PLAYER_ORIGINS } from "./programme/moduleContent";
import { publicApiRouter, verificationGuessLimiter, verifyPageRouter } from "./routes/verify/router";
import { didDocumentRouter } from "./routes/verify/didDocument";

const clientDist = path.join(projectRoot, "client", "dist");

/**
 * Builds the express app without listening: /lti (the LTI door), /api (JSON, behind a launch
 * session), /app (the React client) and, outside production, /dev-platform.
 */
export function createApp(deps: AppDeps, extras: { devPlatformRouter?: express.Router } = {}): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind a TLS-terminating proxy in production, so req.protocol and secure cookies are right.
  app.set("trust proxy", deps.config.env === "production" ? 1 : false);
  // Read by the endpoint framework (http/endpoint.ts) for every JSON answer.
  app.locals.checkAnswers = deps.config.checkAnswers;
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    next();
  });

  app.use(healthRouter(deps.engine.kind));
  app.use("/lti", deps.lti.router);
  if (extras.devPlatformRouter) app.use("/dev-platform", extras.devPlatformRouter);

  // Public by design (certificate verification, badge keys): mounted before the authenticated API.
  // One limit on wrong verification codes per address, shared by the page and its JSON twin.
  const guesses = verificationGuessLimiter();
  app.use("/api/public", publicApiRouter({ ltiKey: deps.config.ltiKey, publicUrl: deps.config.publicUrl, guesses }));
  app.use("/verify", verifyPageRouter({ guesses }));
  app.use(didDocumentRouter({ publicUrl: deps.config.publicUrl, ltiKey: deps.config.ltiKey }));

  const api = express.Router();
  api.use(express.json({ limit: "1mb" }));
  api.use(authenticate(deps.config.ltiKey));
  api.use(apiRoutes(deps));
  api.use((_req, _res, next) => next(notFound("That API address")));
  app.use("/api", api);

  app.use("/app", (_req, res, next) => {
    // Defence in depth for sanitised rich text: no inline or foreign script can run. Framing is
    // left open because the tool lives in LMS iframes on many university domains. frame-src blob:
    // lets an attached PDF be previewed from the local copy the client fetched with its token; the
    // video players are those a module's YouTube or Vimeo videos play in (programme/moduleContent).
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: ${VIDEO_PLAYER_ORIGINS.join(" ")}; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https: http:`,
    );
    next();
  });
  app.use("/app", express.static(clientDist, { index: false, maxAge: "1h" }));
  app.get(["/app", "/app/*"], (_req, res) => {
    const index = path.join(clientDist, "index.html");
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type("text")
        .send("The web client is not built yet. Run `npm run build` (npm start does this for you).");
      return;
    }
    res.sendFile(index);
  });
  app.get("/", (_req, res) => res.redirect(deps.config.devPlatformEnabled ? "/dev-platform/" : "/app/"));
  app.use(errorMiddleware);
  return app;
}
