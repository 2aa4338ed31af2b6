import { decisionsEndpoints, type TDecisionListQuery } from "@contracts/decisions";
import { certificatesEndpoints, type TCertificateRevoke } from "@contracts/certificates";
import { panelEndpoints, type TDecisionRecord } from "@contracts/panel";
import { call, download } from "./call";

/**
 * Typed calls for the panel as an assessment (issue #14): the lead's moderation queue and
 * decisions, a round's release, certificates and their revocation, and the decision record and
 * its check. (Notices have their own calls, with the Notifications page.)
 */
export const panelApi = {
  round: (roundId: string, signal?: AbortSignal) => call(panelEndpoints.round, { params: { roundId }, signal }),
  release: (roundId: string, expectedVersion: number) =>
    call(panelEndpoints.release, { params: { roundId }, body: { expectedVersion } }),
  moderationQueue: (signal?: AbortSignal) => call(panelEndpoints.moderation, { signal }),
  decide: (versionId: string, body: TDecisionRecord) => call(panelEndpoints.decide, { params: { versionId }, body }),
  certificates: (query: { mentorUserId?: string }, signal?: AbortSignal) =>
    call(certificatesEndpoints.list, { query, signal }),
  revokeCertificate: (certificateId: string, body: TCertificateRevoke) =>
    call(certificatesEndpoints.revoke, { params: { certificateId }, body }),
  decisions: (query: TDecisionListQuery, signal?: AbortSignal) => call(decisionsEndpoints.list, { query, signal }),
  exportDecisions: (query: TDecisionListQuery) =>
    download(decisionsEndpoints.exportCsv, { query, fallbackName: "decision-record.csv" }),
  verifyDecisions: () => call(decisionsEndpoints.verify),
};
