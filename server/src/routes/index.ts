import { Router } from "express";
import type { AppDeps } from "../appDeps";
import { sessionRouter } from "./session/router";
import { certificatesRouter } from "./certificates/router";
import { creditsRouter } from "./credits/router";
import { dashboardRouter } from "./dashboard/router";
import { exportsRouter } from "./exports/router";
import { programmeRouter } from "./programme/router";
import { modulesRouter } from "./modules/router";
import { markingRouter } from "./marking/router";
import { auditRouter } from "./audit/router";
import { hoursRouter } from "./hours/router";
import { mentorsRouter } from "./mentors/router";
import { profileRouter } from "./profile/router";
import { evidenceRouter } from "./evidence/router";
import { portfoliosRouter } from "./portfolios/router";
import { panelRouter } from "./panel/router";
import { gradebookRouter } from "./gradebook/router";
import { rosterRouter } from "./roster/router";
import { deepLinkingRouter } from "./deepLinking/router";
import { jobsRouter } from "./jobs/router";
import { caseloadRouter } from "./caseload/router";
import { mentorWorkRouter } from "./caseload/mentorWork";
import { evidenceCommentsRouter } from "./caseload/comments";
import { supportRouter } from "./support/router";
import { trainingRecordRouter } from "./trainingRecord/router";
import { decisionsRouter } from "./decisions/router";
import { noticesRouter } from "./notices/router";
import { recordSheetsRouter } from "./recordSheets/router";
import { draftsRouter } from "./drafts/router";

/**
 * Every API resource, mounted under /api behind authentication. Add a resource by adding its
 * router here; each router validates, authorizes and presents its own requests.
 */
export function apiRoutes(deps: AppDeps): Router {
  const api = Router();
  // Every write endpoint marks the course changed as an explicit step of the endpoint framework
  // (http/endpoint.ts → markChangedAfterWrite); drafts opt out with changesNothingRead.
  api.use("/drafts", draftsRouter());
  api.use("/session", sessionRouter());
  api.use("/certificates", certificatesRouter({ publicUrl: deps.config.publicUrl, ltiKey: deps.config.ltiKey }));
  api.use("/credits", creditsRouter());
  api.use("/dashboard", dashboardRouter());
  api.use("/exports", exportsRouter());
  api.use("/programme", programmeRouter());
  api.use("/modules", modulesRouter());
  api.use("/marking", markingRouter());
  api.use("/audit", auditRouter());
  api.use("/hours", hoursRouter());
  api.use("/mentors", mentorsRouter());
  api.use("/profile", profileRouter());
  api.use("/evidence", evidenceRouter());
  api.use("/portfolios", portfoliosRouter());
  api.use("/panel", panelRouter());
  api.use("/gradebook", gradebookRouter(deps));
  api.use("/roster", rosterRouter(deps));
  api.use("/deep-linking", deepLinkingRouter(deps));
  api.use("/jobs", jobsRouter());
  api.use("/caseload", caseloadRouter());
  api.use("/mentor-work", mentorWorkRouter());
  api.use("/evidence-comments", evidenceCommentsRouter());
  api.use("/support", supportRouter());
  api.use("/training-record", trainingRecordRouter(deps.config));
  api.use("/decisions", decisionsRouter());
  api.use("/notices", noticesRouter());
  api.use("/record-sheets", recordSheetsRouter());
  return api;
}
