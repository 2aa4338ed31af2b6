import crypto from "node:crypto";
import { z } from "zod";
import type { CertificateDoc } from "../models/certificate";
import { mentorSubjectId, openBadgeCredential } from "./openBadge";

/** The address of the tool's issuer profile: stable, under PUBLIC_URL, listing the key that signs. */
export const issuerProfileUrl = (publicUrl: string) => `${publicUrl}/api/public/issuer`;

/** Hours of one type from one provider in one academic year, as the record states them. */
export interface TrainingHoursGroup {
  academicYear: string;
  kind: "initial" | "refresher";
  provider: string;
  completedHours: number;
  exemptedHours: number;
  firstDate: string;
  lastDate: string;
}

export interface TrainingRecordData {
  publicUrl: string;
  partnership: string;
  /** A pseudonymous, stable id for the mentor at this issuer (not the LMS user id). */
  subjectId: string;
  mentor: { name: string; email: string | null; trn: string | null; sourcedId: string | null };
  hours: TrainingHoursGroup[];
  modules: Array<{ code: string; title: string; passedAt: string }>;
  certificates: CertificateDoc[];
  issuedAt: Date;
}

const CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const uuidOf = (seed: string) => {
  const hex = crypto.createHash("sha256").update(seed).digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const kindTitle = (kind: string) => (kind === "refresher" ? "Refresher mentor training" : "Initial mentor training");

/** The subject's pseudonymous id at an issuer: the same id the mentor's badges name (`mentorSubjectId`). */
export function trainingSubjectId(
  publicUrl: string,
  scope: { tenantId: string; contextId: string; mentorUserId: string },
): string {
  return mentorSubjectId(publicUrl, scope);
}

/**
 * A mentor's training record as a CLR 2.0 ClrCredential (a W3C Verifiable Credential 2.0) whose
 * achievements are Open Badges 3.0: one per training type, provider and year with the completed
 * and exempted hours as results, one per module passed (achievementType Course) and each
 * certificate's own OpenBadgeCredential. Signed as a whole (VC-JWT) by `signCredential`.
 */
export function trainingRecordCredential(data: TrainingRecordData) {
  const issuer = {
    id: issuerProfileUrl(data.publicUrl),
    type: ["Profile"],
    name: data.partnership,
    url: data.publicUrl,
  };
  const identifiers = [
    { type: "IdentityObject", identityType: "name", hashed: false, identityHash: data.mentor.name },
    ...(data.mentor.email
      ? [{ type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: data.mentor.email }]
      : []),
    ...(data.mentor.trn
      ? [
          {
            type: "IdentityObject",
            identityType: "nationalIdentityNumber",
            hashed: false,
            identityHash: data.mentor.trn,
          },
        ]
      : []),
    ...(data.mentor.sourcedId
      ? [{ type: "IdentityObject", identityType: "sourcedId", hashed: false, identityHash: data.mentor.sourcedId }]
      : []),
  ];
  const hoursAchievement = (kind: string) => ({
    id: `${data.publicUrl}/achievements/mentor-training/${kind}`,
    type: ["Achievement"],
    achievementType: "ext:MentorTraining",
    name: kindTitle(kind),
    description: `${kindTitle(kind)} for school-based initial teacher training mentors, in hours.`,
    criteria: { narrative: "Hours of mentor training recorded in the partnership's training-hours ledger." },
    resultDescription: [
      {
        id: `${data.publicUrl}/achievements/mentor-training/${kind}#completed`,
        type: ["ResultDescription"],
        name: "Hours completed",
        resultType: "ext:Hours",
      },
      {
        id: `${data.publicUrl}/achievements/mentor-training/${kind}#exempted`,
        type: ["ResultDescription"],
        name: "Hours exempted through prior learning",
        resultType: "ext:Hours",
      },
    ],
  });
  const achievementCredential = <S extends { achievement: object }>(id: string, name: string, subject: S) => ({
    "@context": CONTEXTS.filter((c) => !c.includes("/clr/")),
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name,
    issuer,
    validFrom: data.issuedAt.toISOString(),
    credentialSubject: { id: data.subjectId, type: ["AchievementSubject"], ...subject },
  });
  const hours = data.hours.map((g) => {
    const a = hoursAchievement(g.kind);
    return achievementCredential(
      uuidOf(`${data.subjectId}|hours|${g.academicYear}|${g.kind}|${g.provider}`),
      `${a.name}, ${g.academicYear}`,
      {
        achievement: a,
        term: g.academicYear,
        activityStartDate: `${g.firstDate}T00:00:00Z`,
        activityEndDate: `${g.lastDate}T00:00:00Z`,
        source: { id: `${issuer.id}#provider-${encodeURIComponent(g.provider)}`, type: ["Profile"], name: g.provider },
        result: [
          { type: ["Result"], resultDescription: a.resultDescription[0].id, value: String(g.completedHours) },
          { type: ["Result"], resultDescription: a.resultDescription[1].id, value: String(g.exemptedHours) },
        ],
      },
    );
  });
  const modules = data.modules.map((m) =>
    achievementCredential(uuidOf(`${data.subjectId}|module|${m.code}`), m.title, {
      achievement: {
        id: `${data.publicUrl}/achievements/modules/${encodeURIComponent(m.code)}`,
        type: ["Achievement"],
        achievementType: "Course",
        humanCode: m.code,
        name: m.title,
        criteria: { narrative: "Module work marked as a pass by a tutor." },
      },
      activityEndDate: m.passedAt,
    }),
  );
  const certificates = data.certificates.map((c) => {
    const badge = openBadgeCredential(c, data.publicUrl);
    return { ...badge, issuer, credentialSubject: { ...badge.credentialSubject, id: data.subjectId } };
  });
  const credentials = [...hours, ...modules, ...certificates];
  return {
    "@context": CONTEXTS,
    id: uuidOf(`${data.subjectId}|record|${data.issuedAt.toISOString()}`),
    type: ["VerifiableCredential", "ClrCredential"],
    name: `Mentor training record: ${data.mentor.name}`,
    description: `Mentor training recorded by ${data.partnership}: hours by type, modules passed and certificates.`,
    issuer,
    validFrom: data.issuedAt.toISOString(),
    credentialSubject: {
      id: data.subjectId,
      type: ["ClrSubject"],
      identifier: identifiers,
      achievement: credentials.map((vc) => vc.credentialSubject.achievement as object),
      verifiableCredential: credentials,
    },
  };
}

const ZHoursResult = z.object({ resultDescription: z.string(), value: z.string().regex(/^\d+(\.\d+)?$/) });

/** What an importer reads of a training record; anything else in it is ignored. */
export const ZTrainingRecordPayload = z.object({
  id: z.string().min(1).max(300),
  type: z.array(z.string()).refine((t) => t.includes("ClrCredential"), "is not a CLR training record"),
  issuer: z.object({ id: z.string().url().max(2000), name: z.string().min(1).max(300) }),
  validFrom: z.string().datetime({ offset: true }),
  credentialSubject: z.object({
    id: z.string().min(1).max(2000),
    identifier: z
      .array(z.object({ identityType: z.string(), identityHash: z.string() }))
      .max(20)
      .default([]),
    verifiableCredential: z
      .array(
        z.object({
          name: z.string().max(300),
          credentialSubject: z.object({
            achievement: z.object({
              id: z.string(),
              achievementType: z.string(),
              name: z.string().max(300),
              humanCode: z.string().max(100).optional(),
            }),
            term: z
              .string()
              .regex(/^\d{4}\/\d{2}$/)
              .optional(),
            activityStartDate: z.string().optional(),
            activityEndDate: z.string().optional(),
            source: z.object({ name: z.string().max(300) }).optional(),
            result: z.array(ZHoursResult).max(10).optional(),
          }),
        }),
      )
      .max(500),
  }),
});
export type TTrainingRecordPayload = z.infer<typeof ZTrainingRecordPayload>;

/** The hours groups, modules and certificates of a verified training record. */
export function readTrainingRecord(payload: TTrainingRecordPayload) {
  const hours: TrainingHoursGroup[] = [];
  const modules: Array<{ code: string; title: string }> = [];
  const certificates: Array<{ title: string }> = [];
  for (const vc of payload.credentialSubject.verifiableCredential) {
    const s = vc.credentialSubject;
    const a = s.achievement;
    if (a.achievementType === "ext:MentorTraining" && s.term) {
      const value = (suffix: string) => Number(s.result?.find((r) => r.resultDescription.endsWith(suffix))?.value ?? 0);
      hours.push({
        academicYear: s.term,
        kind: a.id.endsWith("/refresher") ? "refresher" : "initial",
        provider: s.source?.name ?? payload.issuer.name,
        completedHours: value("#completed"),
        exemptedHours: value("#exempted"),
        firstDate: (s.activityStartDate ?? s.activityEndDate ?? payload.validFrom).slice(0, 10),
        lastDate: (s.activityEndDate ?? payload.validFrom).slice(0, 10),
      });
    } else if (a.achievementType === "Course") {
      modules.push({ code: a.humanCode ?? a.name, title: a.name });
    } else if (a.achievementType === "Certificate") {
      certificates.push({ title: a.name });
    }
  }
  return { hours, modules, certificates };
}
