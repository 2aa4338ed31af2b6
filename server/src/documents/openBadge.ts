import crypto from "node:crypto";
import type { CertificateDoc } from "../models/certificate";
import { statusListUrl } from "../queries/statusList";
import { badgeImageDataUri } from "./badgeImage";
import { issuerDid } from "./issuerDid";
import { mentorStandardsUrl } from "./urls";

/** The Open Badges 3.0 (3.0.3) credential contexts, in the order the spec requires. */
export const OB3_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/**
 * A mentor's pseudonymous, stable id at this tool (the credential subject's id and a VC-JWT's
 * `sub`): a hash of platform, course and user under PUBLIC_URL, never the LMS user id itself.
 */
export function mentorSubjectId(
  publicUrl: string,
  scope: { tenantId: string; contextId: string; mentorUserId: string },
): string {
  const hash = crypto
    .createHash("sha256")
    .update(`${scope.tenantId}|${scope.contextId}|${scope.mentorUserId}`)
    .digest("hex")
    .slice(0, 32);
  return `${publicUrl}/mentors/${hash}`;
}

/**
 * Why a badge names its holder only by name, or null when it also carries the hashed email:
 * said to the mentor beside the download.
 */
export function holderIdentityNote(cert: Pick<CertificateDoc, "badgeSalt" | "holderEmailHash">): string | null {
  if (cert.holderEmailHash) return null;
  if (cert.badgeSalt)
    return "This badge names you by name only: your LMS did not give the tool your email address when it was issued.";
  return "This badge names you by name only: it was issued before badges carried a hashed email address.";
}

/**
 * The Open Badges 3.0 OpenBadgeCredential for a certificate (a W3C Verifiable Credential 2.0),
 * issued by the deployment's did:web. The subject is the mentor's pseudonymous id, named by an
 * IdentityObject for the name and, when the LMS gave one at issue, one for the email as a salted
 * SHA-256 hash. The achievement carries the badge picture (an SVG data: URI), aligns to the mentor
 * standards and carries the credit value; credentialStatus is the certificate's place in the
 * platform's W3C Bitstring Status List (revocation), where it has one (certificates issued before
 * status lists have none). Offered only signed (`signVcJwt`), never as bare JSON.
 */
export function openBadgeCredential(
  cert: CertificateDoc,
  publicUrl: string,
  status: { listId: string; index: number } | null = null,
) {
  // A stable UUID from the certificate id, so re-downloading gives the same credential id.
  const hex = crypto.createHash("sha256").update(`certificate:${cert._id.toString()}`).digest("hex");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const identifier = [
    { type: "IdentityObject", identityType: "name", hashed: false, identityHash: cert.mentorName },
    ...(cert.holderEmailHash && cert.badgeSalt
      ? [
          {
            type: "IdentityObject",
            identityType: "emailAddress",
            hashed: true,
            identityHash: cert.holderEmailHash,
            salt: cert.badgeSalt,
          },
        ]
      : []),
  ];
  return {
    "@context": OB3_CONTEXTS,
    id: `urn:uuid:${uuid}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: cert.qualificationTitle,
    issuer: { id: issuerDid(publicUrl), type: ["Profile"], name: cert.partnership },
    validFrom: cert.issuedAt.toISOString(),
    credentialSubject: {
      id: mentorSubjectId(publicUrl, cert),
      type: ["AchievementSubject"],
      identifier,
      achievement: {
        id: achievementId(cert, publicUrl),
        type: ["Achievement"],
        achievementType: "Certificate",
        name: cert.qualificationTitle,
        description: cert.qualificationSummary,
        humanCode: cert.qualificationCode,
        image: { id: badgeImageDataUri(cert), type: "Image", caption: `${cert.qualificationTitle} badge` },
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
 * The achievement's id: public and stable, one per programme version and qualification, under the
 * tool's public address. Built from the programme's own code and version, never from internal
 * ids (the stored programme version id starts with the platform registration's id).
 */
export function achievementId(
  cert: Pick<CertificateDoc, "programmeCode" | "programmeVersion" | "qualificationCode">,
  publicUrl: string,
): string {
  const parts = [cert.programmeCode, `v${cert.programmeVersion}`, cert.qualificationCode].map(encodeURIComponent);
  return `${publicUrl}/achievements/${parts.join("/")}`;
}
