import express, { Router } from "express";
import { AccessTokenStore } from "./accessTokens.js";
import { agsRoutes } from "./agsRoutes.js";
import { ClientRegistry, primaryClient } from "./clients.js";
import { deepLinkRoutes } from "./deepLinkRoutes.js";
import { Directory } from "./directory.js";
import { EphemeralStore, ReplayGuard } from "./ephemeralStore.js";
import { platformErrorHandler } from "./errors.js";
import { FaultInjector } from "./faults.js";
import { Gradebook } from "./gradebook.js";
import { sendPage } from "./html.js";
import { renderHomePage } from "./homePage.js";
import { userRoutes } from "./userRoutes.js";
import { buildLaunchClaims } from "./idToken.js";
import { launchRoutes } from "./launchRoutes.js";
import { startLogin } from "./loginInitiation.js";
import { nrpsRoutes } from "./nrpsRoutes.js";
import { loadPlatformKeyring } from "./platformKeys.js";
import { registrationRoutes } from "./registrationRoutes.js";
import { seedDemoData } from "./seed.js";
import { CanvasRateLimit, RequestLog, sendCanvasThrottle } from "./serviceTraffic.js";
import type { PlatformState } from "./state.js";
import { tokenRoutes } from "./tokenRoutes.js";
import { ToolKeyCache } from "./toolKeys.js";
import type { DevPlatform, DevPlatformOptions } from "./types.js";
import { buildPlatformUrls } from "./urls.js";
import { claimKey } from "./vocabulary.js";

export type * from "./types.js";
export { DEMO_COURSE_ID, DEMO_LEAD_MENTOR_CASELOAD, OTHER_COURSE_ID } from "./seed.js";
export { CLAIM, MEDIA, ROLE, SCOPE } from "./vocabulary.js";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Creates the development platform: a fake LMS speaking real LTI 1.3 / LTI Advantage.
 * Mount `router` at the issuer's path; everything else is for tests to set up and inspect.
 */
export async function createDevPlatform(opts: DevPlatformOptions): Promise<DevPlatform> {
  const urls = buildPlatformUrls(opts.issuer);
  const quirks = opts.quirks ?? "standard";
  const rateLimit = new CanvasRateLimit(quirks);
  const state: PlatformState = {
    urls,
    quirks,
    pageSize: opts.defaultPageSize ?? 100,
    directory: new Directory(),
    gradebook: new Gradebook(urls, quirks),
    clients: new ClientRegistry(primaryClient(opts)),
    keys: await loadPlatformKeyring({ keyFile: opts.keyFile, graceSeconds: opts.keyGraceSeconds ?? 3600 }),
    toolKeys: new ToolKeyCache(),
    accessTokens: new AccessTokenStore(opts.accessTokenTtlSeconds ?? 3600),
    faults: new FaultInjector(
      quirks === "canvas"
        ? (res) => {
            rateLimit.countThrottle();
            sendCanvasThrottle(res);
          }
        : undefined,
    ),
    requestLog: new RequestLog(),
    rateLimit,
    messageHints: new EphemeralStore(HOUR_MS),
    deepLinkSessions: new EphemeralStore(HOUR_MS),
    registrationTokens: new EphemeralStore(HOUR_MS),
    replays: new ReplayGuard(),
    received: [],
    placements: [],
  };
  if (opts.seed !== false) seedDemoData(state.directory);

  const router = Router();
  router.use(state.requestLog.middleware());
  router.use(["/api/courses/:courseId/lineitems", "/api/courses/:courseId/memberships"], rateLimit.guard());
  router.use(express.urlencoded({ extended: false, limit: "1mb" }));
  router.use(express.json({ type: ["application/json", "application/*+json"], limit: "1mb" }));

  router.get("/", (req, res) => {
    // Relative links on the page only resolve under the mount path when it ends with a slash.
    const [path, query] = req.originalUrl.split("?");
    if (!path.endsWith("/")) return res.redirect(301, `${path}/${query ? `?${query}` : ""}`);
    const added = typeof req.query.added === "string" ? req.query.added : undefined;
    sendPage(res, renderHomePage(state, { canRegister: Boolean(opts.tool.registrationUrl), added }));
  });
  router.get("/jwks", (_req, res) => {
    res.set("Cache-Control", "no-cache").json(state.keys.jwks());
  });
  router.use(launchRoutes(state));
  router.use(userRoutes(state));
  router.use(tokenRoutes(state));
  router.use(agsRoutes(state));
  router.use(nrpsRoutes(state));
  router.use(deepLinkRoutes(state));
  router.use(registrationRoutes(state, opts.tool.registrationUrl));
  router.use(platformErrorHandler);

  return {
    router,
    issuer: urls.issuer,
    clientId: opts.clientId,
    deploymentId: opts.deploymentId,
    authEndpoint: urls.auth,
    tokenEndpoint: urls.token,
    jwksUrl: urls.jwks,
    addCourse: (c) => state.directory.addCourse(c),
    addUser: (u) => state.directory.addUser(u),
    enrol: (courseId, userId, roles, options) => state.directory.enrol(courseId, userId, roles, options),
    loginInitiation: (p) => startLogin(state, p).fields,
    async mintIdToken(p) {
      const client = p.clientId === undefined ? state.clients.primary : state.clients.get(p.clientId);
      if (!client) throw new Error(`Unknown client "${p.clientId}"`);
      const claims = buildLaunchClaims(state, {
        client,
        userId: p.userId,
        courseId: p.courseId,
        resourceLinkId: p.resourceLinkId,
        messageType: p.messageType ?? "LtiResourceLinkRequest",
        nonce: p.nonce,
        custom: p.custom,
        issuedAt: p.issuedAt,
        expiresInSeconds: p.expiresInSeconds,
      });
      Object.assign(claims, p.claims);
      for (const name of p.omitClaims ?? []) {
        delete claims[name];
        delete claims[claimKey(name)];
      }
      return state.keys.sign(claims, { kid: p.kid, foreign: p.signWith === "foreign" });
    },
    rotateKey: (rotateOpts) => state.keys.rotate(rotateOpts),
    faults: {
      set: (f) => state.faults.set(f),
      clear: () => state.faults.clear(),
      stats: () => state.faults.stats(),
    },
    gradebook: {
      lineItems: (courseId) => state.gradebook.list(courseId),
      scores: (lineItemId) => state.gradebook.scoresOf(lineItemId),
      latest: (lineItemId, userId) => state.gradebook.latestOf(lineItemId, userId),
      results: (lineItemId) => state.gradebook.resultsOf(lineItemId),
      overrideResult: (lineItemId, userId, scoreGiven, comment) =>
        state.gradebook.override(lineItemId, userId, scoreGiven, comment),
    },
    requests: () => state.requestLog.list(),
    rateLimit: { set: (c) => rateLimit.set(c), throttled: () => rateLimit.throttled() },
    deepLinks: {
      received: () => [...state.received],
      placements: () => [...state.placements],
    },
    registrations: {
      list: () =>
        state.clients.registered().map((c) => ({
          clientId: c.clientId,
          deploymentId: c.deploymentId,
          toolConfiguration: c.toolConfiguration,
        })),
    },
    accessTokens: {
      issued: () => state.accessTokens.issued(),
      expireAll: () => state.accessTokens.expireAll(),
    },
    close: () => state.faults.close(),
  };
}
