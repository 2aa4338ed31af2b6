import { conflict } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { RecordSheet, type RecordSheetDoc } from "../models/recordSheet";
import type { TSignOffBy } from "../programme/schema";
import { signerWords } from "../policies/recordSheet";
import { appendDecision } from "./decisionRecord";

/**
 * The second person's signature on a submitted record sheet: the award's decision, which reaches
 * the mentor when the programme lead releases it. One conditional update on the version the
 * signer read, so of two signatures one lands; then the decision record states it.
 */
export async function signOffRecordSheet(p: {
  actor: Actor;
  sheet: RecordSheetDoc;
  capacity: TSignOffBy;
  comment: string;
  expectedVersion: number;
}): Promise<RecordSheetDoc> {
  const signedAt = new Date();
  const won = await RecordSheet.updateOne(
    { _id: p.sheet._id, status: "submitted", version: p.expectedVersion },
    {
      $set: {
        status: "signed",
        signedBy: p.actor.userId,
        signedByName: p.actor.name,
        signedAs: p.capacity,
        signedAt,
        signOffComment: p.comment,
      },
      $inc: { version: 1 },
    },
  );
  if (won.modifiedCount === 0)
    throw conflict(
      "This record sheet was signed off or changed somewhere else since you opened it. Reload it to see it.",
    );
  await appendDecision({
    tenantId: p.sheet.tenantId,
    contextId: p.sheet.contextId,
    kind: "outcome",
    actor: p.actor,
    subject: `record-sheet:${p.sheet._id.toString()}`,
    mentorUserId: p.sheet.mentorUserId,
    before: "submitted for sign-off",
    after: `${p.sheet.qualificationCode} signed off (${signerWords[p.capacity]})`,
    reason: p.comment || null,
    at: signedAt,
  });
  return (await RecordSheet.findById(p.sheet._id).lean<RecordSheetDoc>())!;
}
