import crypto from "node:crypto";
import type { CertificateDoc } from "../models/certificate";
import { statusListUrl } from "../commands/statusList";
import { mentorStandardsUrl } from "./urls";

/**
 * The Open Badges 3.0 OpenBadgeCredential for a certificate (a W3C Verifiable Credential 2.0).
 * The achievement aligns to the mentor standards and carries the credit value; credentialStatus
 * is the certificate's place in the platform's W3C Bitstring Status List (revocation), where it
 * has one (certificates issued before status lists have none).
 */
export function openBadgeCredential(cert: CertificateDoc, publicUrl: string, status: { listId: string; index: number } | null = null) {
  // A stable UUID from the certificate id, so re-downloading gives the same credential id.
  const hex = crypto.createHash("sha256").update(`certificate:${cert._id.toString()}`).digest("hex");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `urn:uuid:${uuid}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: cert.qualificationTitle,
    issuer: { id: issuerId(cert), type: ["Profile"], name: cert.partnership },
    validFrom: cert.issuedAt.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: cert.mentorName }],
      achievement: {
        id: achievementId(cert, publicUrl),
        type: ["Achievement"],
        achievementType: "Certificate",
        name: cert.qualificationTitle,
        description: cert.qualificationSummary,
        humanCode: cert.qualificationCode,
        criteria: {
          narrative: `A portfolio of dated evidence against the national standards for school-based ITT mentors, approved by the ${cert.partnership} review panel (${cert.programmeTitle}, version ${cert.programmeVersion}).`,
        },
        alignment: cert.standards.map((s) => ({
          type: ["Alignment"],
          targetName: `Mentor standard ${s.code}: ${s.title}`,
          targetUrl: mentorStandardsUrl,
          targetCode: String(s.code),
          targetFramework: "National standards for school-based initial teacher training (ITT) mentors (DfE, 2016)",
          targetType: "ceasn:Competency",
        })),
        ...(cert.credits ? { creditsAvailable: cert.credits, fieldOfStudy: `FHEQ level ${cert.fheqLevel}` } : {}),
      },
    },
    ...(status
      ? {
          credentialStatus: {
            id: `${statusListUrl(publicUrl, status.listId)}#${status.index}`,
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: String(status.index),
            statusListCredential: statusListUrl(publicUrl, status.listId),
          },
        }
      : {}),
  };
}

/**
 * The issuer's id: one per platform and programme. A hash, so the platform's internal id is not
 * published; not resolvable, so verifiers use the JWKS address in the signed badge's header.
 */
export function issuerId(cert: Pick<CertificateDoc, "tenantId" | "programmeCode">): string {
  const hash = crypto.createHash("sha256").update(`${cert.tenantId}|${cert.programmeCode}`).digest("hex").slice(0, 24);
  return `urn:mentor-pathways:issuer:${hash}`;
}

/**
 * The achievement's id: public and stable, one per programme version and qualification, under the
 * tool's public address. Built from the programme's own code and version, never from internal
 * ids (the stored programme version id starts with the platform registration's id).
 */
export function achievementId(cert: Pick<CertificateDoc, "programmeCode" | "programmeVersion" | "qualificationCode">, publicUrl: string): string {
  const parts = [cert.programmeCode, `v${cert.programmeVersion}`, cert.qualificationCode].map(encodeURIComponent);
  return `${publicUrl}/achievements/${parts.join("/")}`;
}
