import type { Actor } from "../lti/sessionToken";
import { isLead, isLeadMentor, isMentor, isStaff, isTutor, keepsOwnWork } from "./scope";
import { canAssignSupport } from "./mentorWork";
import { can as canViewJobs } from "./job";

/**
 * What the signed-in person may do, sent to the client so it shows only what they can use.
 * The server checks each action again on every request; this list is for the UI only.
 */
export function sessionAbilities(actor: Actor): Record<string, boolean> {
  return {
    workOnOwnModules: isMentor(actor),
    takeAudit: isMentor(actor),
    logOwnHours: isMentor(actor),
    buildPortfolio: keepsOwnWork(actor),
    keepRecordSheet: isMentor(actor),
    // A mentor may be their school's coordinating mentor, who signs off where the programme says so.
    signOffRecordSheets: isStaff(actor) || isLeadMentor(actor) || isMentor(actor),
    releaseRecordSheets: isLead(actor),
    markModules: isTutor(actor) || isLead(actor),
    logHoursForMentors: isStaff(actor),
    reviewPortfolios: isStaff(actor),
    manageRounds: isLead(actor),
    manageProgramme: isLead(actor),
    ratifyCredits: isLead(actor),
    viewDashboard: isLead(actor),
    exportFundingClaims: isLead(actor),
    viewGradebookDelivery: isStaff(actor),
    viewRoster: isStaff(actor),
    viewJobs: canViewJobs(actor, "view"),
    viewCaseload: isLeadMentor(actor),
    assignSupport: canAssignSupport(actor),
    placeContent: isStaff(actor) && actor.messageType === "LtiDeepLinkingRequest",
  };
}
