/** Claim names, scopes, roles and media types from the IMS LTI 1.3 / Advantage specs. */

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  toolPlatform: `${LTI}tool_platform`,
  launchPresentation: `${LTI}launch_presentation`,
  custom: `${LTI}custom`,
  roleScopeMentor: `${LTI}role_scope_mentor`,
  lis: `${LTI}lis`,
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  deepLinkData: `${DL}data`,
  deepLinkMsg: `${DL}msg`,
  deepLinkLog: `${DL}log`,
  deepLinkErrorMsg: `${DL}errormsg`,
  deepLinkErrorLog: `${DL}errorlog`,
} as const;

/** Expands a short LTI claim name ("deployment_id") to its URI; other names pass through. */
export function claimKey(name: string): string {
  if (name.includes("://")) return name;
  const known = Object.values(CLAIM).find((uri) => uri.endsWith(`/${name}`));
  return known ?? name;
}

export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  membershipReadonly: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const AGS_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];
export const ALL_SERVICE_SCOPES: string[] = [...AGS_SCOPES, SCOPE.membershipReadonly];

export const ROLE = {
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  /** LTI's Mentor: someone who oversees named users. The tool's lead mentor. */
  mentor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
  administrator: "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
} as const;

/** The human part of a role URI, e.g. "Learner", for labels on the home page. */
export function roleName(uri: string): string {
  return uri.split(/[#/]/).pop() ?? uri;
}

export const MEDIA = {
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItemContainer: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  score: "application/vnd.ims.lis.v1.score+json",
  resultContainer: "application/vnd.ims.lis.v2.resultcontainer+json",
  membershipContainer: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

export const COURSE_OFFERING = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering";
