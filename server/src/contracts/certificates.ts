import { z } from "zod";
import { defineEndpoint } from "./endpoint";

const objectId = z.string().regex(/^[a-f0-9]{24}$/i, "must be a record id");

/** Params naming one certificate. */
export const ZCertificateParams = z.object({ certificateId: objectId });

/** Filters for GET /api/certificates; mentors always see only their own. */
export const ZCertificateListQuery = z.object({
  mentorUserId: z.string().min(1).max(200).optional(),
  qualificationCode: z.string().min(1).max(50).optional(),
  status: z.enum(["valid", "revoked"]).optional(),
});

/** POST /api/certificates/:certificateId/revoke */
export const ZCertificateRevoke = z.object({
  reason: z.string().trim().min(3, "must say why (at least 3 characters)").max(500),
});
export type TCertificateRevoke = z.infer<typeof ZCertificateRevoke>;

/** A certificate as staff and its holder see it. */
export const ZCertificate = z.object({
  id: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  qualification: z.object({ code: z.string(), title: z.string() }),
  programme: z.object({ code: z.string(), title: z.string(), version: z.number() }),
  partnership: z.string(),
  /** How it was earned: the standard route, or the prior-learning route (evidence from past mentoring). */
  route: z.enum(["standard", "prior_learning"]),
  credits: z.number().nullable(),
  fheqLevel: z.number().nullable(),
  portfolio: z.object({ id: z.string(), versionId: z.string(), versionNumber: z.number() }),
  approvedAt: z.string(),
  issuedAt: z.string(),
  verificationCode: z.string(),
  verificationUrl: z.string(),
  status: z.enum(["valid", "revoked"]),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  /** Why the badge names its holder by name only (no hashed email), or null when it has both. */
  badgeIdentityNote: z.string().nullable(),
});
export type TCertificate = z.infer<typeof ZCertificate>;

export const ZCertificateList = z.object({ certificates: z.array(ZCertificate) });
export type TCertificateList = z.infer<typeof ZCertificateList>;

/**
 * What the public verification page and GET /api/public/verify/:code reveal: only what a
 * verifier needs (holder, award, date, status). No ids, no email, no portfolio content.
 */
export const ZPublicVerification = z.object({
  verificationCode: z.string(),
  status: z.enum(["valid", "revoked"]),
  mentorName: z.string(),
  qualificationTitle: z.string(),
  partnership: z.string(),
  credits: z.number().nullable(),
  fheqLevel: z.number().nullable(),
  issuedOn: z.string(),
  revokedOn: z.string().nullable(),
  /** Present only for an award through the prior-learning route, which the certificate states. */
  awardedThrough: z.literal("prior_learning").optional(),
});
export type TPublicVerification = z.infer<typeof ZPublicVerification>;

/** Params of the public verification endpoints; a malformed code is a 400. */
export const ZVerificationParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^MP-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/, "must look like MP-XXXX-XXXX-XXXX"),
});

/** /api/certificates — certificates, each as a PDF and as an Open Badges 3.0 credential; revocation by a lead. */
export const certificatesEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/certificates",
    input: { query: ZCertificateListQuery },
    output: ZCertificateList,
  }),
  certificate: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:certificateId",
    input: { params: ZCertificateParams },
    output: ZCertificate,
  }),
  pdf: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:certificateId/pdf",
    input: { params: ZCertificateParams },
    output: "file",
  }),
  /** A readable copy of what the signed badge states, without proof (not offered to mentors as their badge). */
  unsignedBadge: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:certificateId/badge",
    input: { params: ZCertificateParams },
    output: "file",
  }),
  /** The badge: an Open Badges 3.0 VC-JWT. */
  signedBadge: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:certificateId/badge.jwt",
    input: { params: ZCertificateParams },
    output: "file",
  }),
  /** The badge picture with the signed badge baked in. */
  badgePicture: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:certificateId/badge.svg",
    input: { params: ZCertificateParams },
    output: "file",
  }),
  revoke: defineEndpoint({
    method: "POST",
    path: "/api/certificates/:certificateId/revoke",
    input: { params: ZCertificateParams, body: ZCertificateRevoke },
    output: ZCertificate,
  }),
};
