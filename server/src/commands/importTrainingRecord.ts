import crypto from "node:crypto";
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import mongoose from "mongoose";
import { z } from "zod";
import type { TTrainingRecordImported } from "../contracts/trainingRecord";

import {
  readTrainingRecord,
  trainingSubjectId,
  ZTrainingRecordPayload,
  type TTrainingRecordPayload,
} from "../documents/trainingRecord";
import { AppError, invalidField, platformUnreachable } from "../errors";
import { fetchRegistrationJson, RefusedAddressError, type AddressPolicy } from "../lti/registrationHttp";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { RecognisedTraining, type RecognisedTrainingDoc } from "../models/recognisedTraining";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import { courseScope } from "../policies/scope";
import { academicYearOf } from "../programme/funding";
import { recognisedLabel } from "../programme/recognisedLabel";
import type { CourseMentor } from "../queries/mentorInCourse";
import { programmeInForce } from "../queries/programmeInForce";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/** What an import did: the stored record (the route presents it) and what to tell the person. */
export type TrainingRecordImport = Omit<TTrainingRecordImported, "record"> & { record: RecognisedTrainingDoc };

const FIELD = "body.credential";
const refuse = (message: string) => invalidField(FIELD, message, { summary: message });

/** The issuer's published profile: its id and the keys it signs with (a controller document). */
const ZIssuerProfile = z.object({
  id: z.string(),
  verificationMethod: z.array(z.object({ id: z.string(), publicKeyJwk: z.record(z.unknown()) })).max(20),
});

/**
 * Verifies a signed training record against the key its issuer publishes at the issuer's address
 * (fetched over HTTP under the same address rules as Dynamic Registration: https, public
 * addresses, loopback only outside production) and returns its verified contents.
 */
export async function verifyTrainingRecord(jwt: string, policy: AddressPolicy): Promise<TTrainingRecordPayload> {
  const notARecord =
    "Training record is not a signed training record: paste the whole text of the .jwt file a Mentor Pathways tool gave you.";
  const parts = jwt.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw refuse(notARecord);
  let kid: string | undefined;
  let claimed: TTrainingRecordPayload;
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.alg !== "EdDSA" || typeof header.kid !== "string") throw refuse(notARecord);
    kid = header.kid;
    claimed = ZTrainingRecordPayload.parse(JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")));
  } catch {
    throw refuse(notARecord);
  }
  let profile: z.infer<typeof ZIssuerProfile>;
  try {
    profile = ZIssuerProfile.parse(
      await fetchRegistrationJson(claimed.issuer.id, policy, "training record's issuer address"),
    );
  } catch (err) {
    if (err instanceof RefusedAddressError)
      throw refuse(
        `${err.message.replace(/ An administrator can allow.*$/, "")} The training record cannot be checked, so it is not recognised.`,
      );
    if (err instanceof z.ZodError)
      throw platformUnreachable(
        `The issuer's address (${claimed.issuer.id}) did not publish its keys, so the training record cannot be checked. Try again later, or ask the issuer.`,
      );
    throw platformUnreachable(
      `${(err as Error).message} The training record cannot be checked until it answers; please try again later.`,
    );
  }
  const method =
    profile.id === claimed.issuer.id
      ? profile.verificationMethod.find((m) => m.id === `${claimed.issuer.id}#${kid}`)
      : undefined;
  const tampered = `This training record was not signed by ${claimed.issuer.name} with the key it publishes, or it has been changed since it was signed, so it is not recognised. Ask the mentor for the record exactly as the tool gave it.`;
  if (!method) throw refuse(tampered);
  try {
    const key = await importJWK(method.publicKeyJwk as JWK, "EdDSA");
    const { payload } = await compactVerify(jwt, key, { algorithms: ["EdDSA"] });
    // Read what was signed, not what was decoded before the check.
    return ZTrainingRecordPayload.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    throw refuse(tampered);
  }
}

const normal = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** The record must be about this mentor: the same TRN, or email, or (lacking both) name. */
function checkSubject(
  payload: TTrainingRecordPayload,
  member: { name: string; email?: string | null; trn?: string | null },
): void {
  const ids = payload.credentialSubject.identifier;
  const of = (type: string) => ids.find((i) => i.identityType === type)?.identityHash ?? null;
  const [name, email, trn] = [of("name"), of("emailAddress"), of("nationalIdentityNumber")];
  const wrong = () =>
    refuse(
      `This training record is about ${name ?? "someone else"}, not ${member.name}: import it into the ledger of the mentor it names.`,
    );
  if (trn && member.trn && trn !== member.trn) throw wrong();
  const matches =
    (trn && member.trn && trn === member.trn) ||
    (email && member.email && normal(email) === normal(member.email)) ||
    normal(name) === normal(member.name);
  if (!matches) throw wrong();
}

// One ledger entry per mentor, issuer's record, year, type and provider: importing again (or a
// newer record) updates it rather than adding hours a second time.
function entryIdOf(key: unknown[]): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(
    crypto.createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 24),
  );
}

/**
 * Recognises another partnership's training for a mentor from its signed record: verifies it,
 * checks it is about this mentor, puts its completed hours in the ledger as exempted hours
 * "recognised from <issuer>" (so they count toward the mentor's training but are never funded or
 * claimed here) and keeps its modules and certificates to show. A newer record from the same
 * issuer replaces an older one; an older or the same one changes nothing.
 */
export async function importTrainingRecord(props: {
  actor: Actor;
  mentor: CourseMentor;
  jwt: string;
  policy: AddressPolicy;
  publicUrl: string;
}): Promise<TrainingRecordImport> {
  const { actor, mentor } = props;
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  const payload = await verifyTrainingRecord(props.jwt, props.policy);
  if (payload.credentialSubject.id === trainingSubjectId(props.publicUrl, scope)) {
    throw refuse(
      "This training record was issued by this course for this mentor: its training is already in the ledger.",
    );
  }
  const member = await Member.findOne(
    { ...courseScope(actor), userId: mentor.id },
    { name: 1, email: 1, trn: 1 },
  ).lean();
  checkSubject(payload, { name: member?.name ?? mentor.name, email: member?.email, trn: member?.trn });

  const issuerId = payload.issuer.id;
  const issuerName = payload.issuer.name;
  const subjectId = payload.credentialSubject.id;
  const issuedAt = new Date(payload.validFrom);
  const content = readTrainingRecord(payload);
  const today = new Date().toISOString().slice(0, 10);
  const hours = content.hours.filter(
    (h) =>
      Number.isFinite(h.completedHours) &&
      Number.isFinite(h.exemptedHours) &&
      h.completedHours <= 2000 &&
      h.exemptedHours <= 2000,
  );
  const counted = hours.filter(
    (h) => h.completedHours > 0 && /^\d{4}-\d{2}-\d{2}$/.test(h.lastDate) && h.lastDate <= today,
  );
  const recordKey = { ...scope, issuerId, subjectId };
  const existing = await RecognisedTraining.findOne(recordKey).lean<RecognisedTrainingDoc>();
  const label = recognisedLabel(issuerName, issuerId);
  const total = counted.reduce((s, h) => s + h.completedHours, 0);
  if (existing && existing.issuedAt >= issuedAt) {
    return {
      record: existing,
      recognisedHours: existing.hours.reduce((s, h) => s + (h.completedHours ?? 0), 0),
      unchanged: true,
      message: `This record, or a newer one from ${issuerName}, was already recognised on ${existing.importedAt.toISOString().slice(0, 10)}: nothing changed.`,
    };
  }

  const programme = await programmeInForce(actor.tenantId, actor.contextId);
  // The ledger entries first, the record last: a crash between them leaves entries that a retry
  // of the same import rewrites in place (their ids come from the record's key).
  const ids: mongoose.Types.ObjectId[] = [];
  for (const h of counted) {
    const _id = entryIdOf([
      scope.tenantId,
      scope.contextId,
      scope.mentorUserId,
      issuerId,
      subjectId,
      h.academicYear,
      h.kind,
      h.provider,
    ]);
    ids.push(_id);
    await TrainingHoursEntry.updateOne(
      { _id },
      {
        $set: {
          ...scope,
          versionId: programme.versionId,
          date: h.lastDate,
          academicYear: academicYearOf(h.lastDate),
          activity: `${h.kind === "refresher" ? "Refresher" : "Initial"} mentor training (${label.charAt(0).toLowerCase()}${label.slice(1)})`,
          hours: h.completedHours,
          kind: h.kind,
          provider: h.provider,
          deliveredBy: null,
          // Recognised prior learning: it counts toward the mentor's training, never toward funding here.
          status: "exempted",
          school: mentor.school,
          schoolUrn: mentor.schoolUrn,
          recognisedFrom: { issuerId, issuerName, subjectId },
          loggedBy: actor.userId,
          loggedByName: actor.name,
        },
      },
      { upsert: true },
    );
  }
  await TrainingHoursEntry.deleteMany({
    ...scope,
    "recognisedFrom.issuerId": issuerId,
    "recognisedFrom.subjectId": subjectId,
    _id: { $nin: ids },
  });
  await RecognisedTraining.updateOne(
    recordKey,
    {
      $set: {
        issuerName,
        credentialId: payload.id,
        issuedAt,
        hours,
        modules: content.modules,
        certificates: content.certificates,
        importedBy: actor.userId,
        importedByName: actor.name,
        importedAt: new Date(),
      },
    },
    { upsert: true },
  );
  await refreshMentorFigures({ course: courseScope(actor), mentorUserId: mentor.id, programme: programme.definition });
  const saved = await RecognisedTraining.findOne(recordKey).lean<RecognisedTrainingDoc>();
  if (!saved) throw new AppError("internal", "The recognised training could not be read back.");
  return {
    record: saved,
    recognisedHours: total,
    unchanged: false,
    message: `${label}: ${total} hours of training counted as exempted through prior learning (not funded here), ${content.modules.length} module${content.modules.length === 1 ? "" : "s"} and ${content.certificates.length} certificate${content.certificates.length === 1 ? "" : "s"}.`,
  };
}
