import { ZDecisionChainCheck, ZDecisionList, type TDecisionListQuery } from "@contracts/decisions";
import { ZCertificate, ZCertificateList, type TCertificateRevoke } from "@contracts/certificates";
import { ZModerationQueue, ZRoundDetail, type TDecisionRecord } from "@contracts/panel";
import { ZPortfolioVersion } from "@contracts/portfolio";
import { z } from "zod";
import { apiDownload, apiRequest } from "./http";

const ZReleaseAnswer = z.object({ release: ZRoundDetail.shape.release });

/**
 * Typed calls for the panel as an assessment (issue #14): the lead's moderation queue and
 * decisions, a round's release, certificates and their revocation, and the decision record and
 * its check. (Notices have their own calls, with the Notifications page.)
 */
export const panelApi = {
  round: (roundId: string, signal?: AbortSignal) => apiRequest("GET", `/api/panel/rounds/${roundId}`, { schema: ZRoundDetail, signal }),
  release: (roundId: string, expectedVersion: number) => apiRequest("POST", `/api/panel/rounds/${roundId}/release`, { body: { expectedVersion }, schema: ZReleaseAnswer }),
  moderationQueue: (signal?: AbortSignal) => apiRequest("GET", "/api/panel/moderation", { schema: ZModerationQueue, signal }),
  decide: (versionId: string, body: TDecisionRecord) => apiRequest("POST", `/api/panel/versions/${versionId}/decision`, { body, schema: ZPortfolioVersion }),
  certificates: (query: { mentorUserId?: string }, signal?: AbortSignal) => apiRequest("GET", "/api/certificates", { query, schema: ZCertificateList, signal }),
  revokeCertificate: (certificateId: string, body: TCertificateRevoke) => apiRequest("POST", `/api/certificates/${certificateId}/revoke`, { body, schema: ZCertificate }),
  decisions: (query: TDecisionListQuery, signal?: AbortSignal) => apiRequest("GET", "/api/decisions", { query, schema: ZDecisionList, signal }),
  exportDecisions: (query: TDecisionListQuery) => apiDownload("/api/decisions/export.csv", { query, fallbackName: "decision-record.csv" }),
  verifyDecisions: () => apiRequest("GET", "/api/decisions/verify", { schema: ZDecisionChainCheck }),
};
