import { conflict } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { tellMentor } from "./tellMentor";
import { RecordSheet, type RecordSheetDoc } from "../models/recordSheet";
import { markCourseChanged } from "./courseChanged";
import { appendDecision } from "./decisionRecord";
import { onPortfolioApproved } from "./onPortfolioApproved";

/** Issues what a released sheet earns: certificate (and so its badge), credit if the rule is met, and the mentor's notice. Idempotent. */
async function followUps(sheet: RecordSheetDoc): Promise<void> {
  const sheetId = sheet._id.toString();
  await onPortfolioApproved({
    tenantId: sheet.tenantId,
    contextId: sheet.contextId,
    mentorUserId: sheet.mentorUserId,
    qualificationCode: sheet.qualificationCode,
    // The sheet stands where a panel award has its portfolio version: one certificate per sheet.
    portfolioId: sheetId,
    versionId: sheetId,
    versionNumber: 1,
    approvedBy: sheet.signedBy!,
    approvedAt: sheet.signedAt!,
    releasedAt: sheet.releasedAt,
  });
  await tellMentor({
    tenantId: sheet.tenantId,
    contextId: sheet.contextId,
    mentorUserId: sheet.mentorUserId,
    key: `release:record-sheet:${sheetId}`,
    kind: "outcome_released",
    title: `Your ${sheet.qualificationCode} record sheet is signed off`,
    body: `${sheet.signedByName ?? "Your signer"} signed off your record sheet. Your certificate and badge are ready.`,
    link: "/credentials",
    at: sheet.releasedAt ?? new Date(),
  });
}

/**
 * The programme lead releases a signed-off sheet: it is marked released (a conditional update on
 * the version read, so once), the decision record states it, and the certificate dated the
 * release day, its badge and any credit follow. A repeat after a crash finishes the follow-ups.
 */
export async function releaseRecordSheet(p: {
  actor: Actor;
  sheet: RecordSheetDoc;
  expectedVersion: number;
}): Promise<RecordSheetDoc> {
  if (p.sheet.status === "released") {
    await followUps(p.sheet);
    throw conflict("This award was already released.");
  }
  if (p.sheet.status !== "signed")
    throw conflict("This record sheet has not been signed off yet: it can be released once it is.");
  const releasedAt = new Date();
  const won = await RecordSheet.updateOne(
    { _id: p.sheet._id, status: "signed", version: p.expectedVersion },
    { $set: { status: "released", releasedAt, releasedBy: p.actor.userId }, $inc: { version: 1 } },
  );
  if (won.modifiedCount === 0)
    throw conflict("This record sheet was changed somewhere else since you opened it. Reload it and try again.");
  await appendDecision({
    tenantId: p.sheet.tenantId,
    contextId: p.sheet.contextId,
    kind: "release",
    actor: p.actor,
    subject: `record-sheet:${p.sheet._id.toString()}`,
    mentorUserId: p.sheet.mentorUserId,
    before: "signed off",
    after: "released",
    at: releasedAt,
  });
  const released = (await RecordSheet.findById(p.sheet._id).lean<RecordSheetDoc>())!;
  await followUps(released);
  await markCourseChanged({ course: { tenantId: p.sheet.tenantId, contextId: p.sheet.contextId } });
  return released;
}
