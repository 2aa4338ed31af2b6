import express, { type Request, type Response } from "express";
import type { Config } from "../config";
import { AppError } from "../errors";
import { roleScopeMentorOf } from "./roleScope";
import { newLtijsProvider, type LtijsProvider } from "./ltijs";
import type { LaunchHandler } from "./port";
import { toLaunchContext } from "./launchContext";
import { mapLtiRoles } from "./roles";
import { findRegistration } from "./registrations";
import { signSessionToken } from "./sessionToken";
import { explainLtijsError, sendLaunchErrorPage } from "./errorPage";
import { createLoginGuards } from "./loginGuard";
import { dynamicRegistrationHandler } from "./dynamicRegistration";
import { toolUrls } from "./toolUrls";
import { installJwksCache, registeredKeysetUrls } from "./jwksCache";
import { configurePlatformHttp } from "./platformHttp";
import { Registration, type RegistrationDoc } from "../models/registration";

/** The LTI door: the express router for /lti and the ltijs provider behind it (kept inside lti/). */
export interface LtiDoor {
  router: express.Router;
  provider: LtijsProvider;
}

/**
 * Sets up ltijs in serverless mode behind our own guards. ltijs validates id_tokens; we bind
 * each launch to its login without cookies, check the deployment, map roles, let `onLaunch`
 * record the launch, and hand the browser a session token for the API.
 */
export async function createLtiDoor(config: Config, databaseUri: string, onLaunch: LaunchHandler): Promise<LtiDoor> {
  const provider = newLtijsProvider();
  configurePlatformHttp({ publicUrl: config.publicUrl });
  for (const r of await Registration.find({}, { jwksUrl: 1 }).lean())
    if (r.jwksUrl) registeredKeysetUrls.add(r.jwksUrl);
  installJwksCache();
  const isHttps = config.publicUrl.startsWith("https://");
  provider.setup(
    config.ltiKey,
    { url: databaseUri },
    {
      appRoute: "/launch",
      loginRoute: "/login",
      keysetRoute: "/keys",
      dynRegRoute: "/register",
      // ltiaas: ltijs hands us the validated token on the launch POST itself instead of
      // redirecting with an "ltik" that needs a third-party session cookie.
      ltiaas: true,
      // State is bound to the launch by our guard (server-side record + nonce); the cookie is
      // still checked when the browser sends it.
      devMode: true,
      tokenMaxAge: 60,
      cors: false,
      cookies: { secure: isHttps, sameSite: isHttps ? "None" : "Lax" },
    },
  );
  await provider.deploy({ serverless: true, silent: true });
  // deploy() installs a SIGINT handler that exits the process; our main owns shutdown.
  process.removeAllListeners("SIGINT");

  const acceptLaunch = async (token: unknown, req: Request, res: Response) => {
    try {
      const launch = toLaunchContext(token);
      const known = res.locals.registration as RegistrationDoc | null | undefined;
      const remembered = known && known.issuer === launch.issuer && known.clientId === launch.clientId ? known : null;
      // A remembered registration (recentRegistration) may predate a deployment just added: look again before refusing.
      const registration =
        remembered && remembered.deploymentIds.includes(launch.deploymentId)
          ? remembered
          : await findRegistration(launch.issuer, launch.clientId);
      if (!registration || !registration.deploymentIds.includes(launch.deploymentId)) {
        return sendLaunchErrorPage(
          res,
          401,
          "This installation is not registered",
          "Mentor Pathways does not recognise the deployment of your VLE that sent this launch.",
          "Ask your VLE administrator to add this deployment id to the tool's registration.",
        );
      }
      // A platform's own lead role wins over the deployment-wide PROGRAMME_LEAD_ROLE; a link's
      // custom parameters count only where the registration says its administrator sets them.
      const roles = mapLtiRoles(
        launch.ltiRoles,
        launch.custom,
        {
          leadRole: registration.leadRole ?? config.programmeLeadRole,
          trustCustomRoleParameter: registration.trustCustomRoleParameter,
          leadUserIds: registration.leadUserIds,
        },
        launch.userId,
      );
      if (roles.length === 0) {
        return sendLaunchErrorPage(
          res,
          403,
          "Your role has no access",
          "Mentor Pathways is for mentors (students in the course), lead mentors, tutors (teachers) and programme leads. Your role in this course is none of these.",
          "If you think this is wrong, ask your course administrator to check your role.",
        );
      }
      // A lead mentor's launch may name the mentors they mentor; the LMS's list is their caseload here.
      const mentees = roles.includes("leadMentor") ? roleScopeMentorOf(req) : null;
      const actor = await onLaunch({
        launch,
        registration,
        roles,
        isDevelopment: registration.source === "development",
        mentees,
      });
      const session = await signSessionToken(actor, config.ltiKey);
      // The fragment keeps the token out of server logs and Referer headers.
      res.redirect(303, `${toolUrls(config.publicUrl).app}#session=${encodeURIComponent(session)}`);
    } catch (err) {
      if (err instanceof AppError)
        return sendLaunchErrorPage(
          res,
          err.status,
          "The launch could not be completed",
          err.message,
          "Please go back to your course and try again.",
        );
      console.error("[lti] launch failed:", err);
      sendLaunchErrorPage(
        res,
        500,
        "Something went wrong",
        "Mentor Pathways could not complete your launch. Nothing was lost; please try again.",
      );
    }
  };
  provider.onConnect(acceptLaunch);
  provider.onDeepLinking(acceptLaunch);
  const refuse = (req: Request, res: Response) => {
    const err = (res.locals as { err?: { details?: { message?: string } } }).err;
    const e = explainLtijsError(err?.details?.message);
    // The code is logged for operators; the token and body never are.
    console.warn(`[lti] launch refused: ${e.code} (${req.method} ${req.originalUrl.split("?")[0]})`);
    sendLaunchErrorPage(res, e.status, e.title, e.message, e.hint);
  };
  provider.onInvalidToken(refuse);
  provider.onSessionTimeout(refuse);
  provider.onUnregisteredPlatform((req, res) => {
    console.warn(`[lti] login from an unregistered platform refused`);
    sendLaunchErrorPage(
      res,
      400,
      "This VLE is not registered",
      "Mentor Pathways has no registration for the VLE that sent this login.",
      "Ask your VLE administrator to register Mentor Pathways (see the README).",
    );
  });
  provider.onInactivePlatform((_req, res) => {
    sendLaunchErrorPage(
      res,
      401,
      "This VLE is not yet activated",
      "The registration for your VLE exists but is not active.",
      "Ask your VLE administrator.",
    );
  });

  const router = express.Router();
  const { guardLogin, guardLaunch } = createLoginGuards();
  router.use(express.urlencoded({ extended: false, limit: "64kb" }));
  router.all("/login", guardLogin);
  router.post("/launch", guardLaunch);
  router.get("/launch", (_req, res) =>
    sendLaunchErrorPage(
      res,
      405,
      "Nothing to launch",
      "This address receives launches from a VLE. Open Mentor Pathways from your course instead.",
    ),
  );
  router.get(
    "/register",
    dynamicRegistrationHandler(provider, config.publicUrl, {
      isProduction: config.env === "production",
      allowHosts: config.dynamicRegistrationAllowHosts,
    }),
  );
  router.use(provider.app);

  return { router, provider };
}
