import type { Actor } from "../lti/sessionToken";
import { MentorSupport } from "../models/mentorSupport";
import { RecordSheet, type RecordSheetDoc } from "../models/recordSheet";
import { canKeepRecordSheet, canReadRecordSheet, canReleaseRecordSheet, signOffCapacity, type RecordSheetSubject } from "../policies/recordSheet";
import { courseScope } from "../policies/scope";
import { notFound } from "../errors";
import { programmeForCourse } from "../programme/programmeForCourse";
import type { TProgramme, TQualification } from "../programme/schema";

/** The qualifications a programme certifies by record-sheet sign-off. */
export const signedOffQualifications = (def: TProgramme) => def.qualifications.filter((q) => q.certification.method === "recordSheet");

/** The qualification a sheet is for, if the programme (still) certifies it by sign-off. */
export function recordSheetQualification(def: TProgramme, code: string): TQualification {
  const q = signedOffQualifications(def).find((x) => x.code === code);
  if (!q) throw notFound("That record sheet");
  return q;
}

/** A stored sheet with who supports its mentor, as the policies need it. */
export async function subjectOf(sheet: Pick<RecordSheetDoc, "tenantId" | "contextId" | "mentorUserId" | "mentorName">): Promise<RecordSheetSubject & { mentorName: string }> {
  const support = await MentorSupport.findOne({ tenantId: sheet.tenantId, contextId: sheet.contextId, mentorUserId: sheet.mentorUserId }, { leadMentorUserId: 1, linkTutorUserId: 1 }).lean();
  return {
    tenantId: sheet.tenantId,
    contextId: sheet.contextId,
    mentorUserId: sheet.mentorUserId,
    mentorName: sheet.mentorName,
    leadMentorUserId: support?.leadMentorUserId ?? null,
    linkTutorUserId: support?.linkTutorUserId ?? null,
  };
}

/** Loads a sheet of the actor's course they may read; anything else is 404. */
export async function loadVisibleRecordSheet(actor: Actor, sheetId: string) {
  const sheet = await RecordSheet.findOne({ ...courseScope(actor), _id: sheetId }).lean<RecordSheetDoc>();
  if (!sheet) throw notFound("That record sheet");
  const subject = await subjectOf(sheet);
  if (!canReadRecordSheet(actor, subject)) throw notFound("That record sheet");
  return { sheet, subject };
}

/**
 * What the record-sheet page lists for the actor: their own sheets (one per sign-off
 * qualification, started or not), the submitted sheets they may sign off, and, for programme
 * leads, the signed sheets waiting for release. Reads only.
 */
export async function listRecordSheets(actor: Actor) {
  const course = courseScope(actor);
  const { definition } = await programmeForCourse(course.tenantId, course.contextId);
  const qualifications = signedOffQualifications(definition);
  const byCode = new Map(qualifications.map((q) => [q.code, q]));
  const mine: Array<{ qualification: TQualification; sheet: RecordSheetDoc | null; subject: RecordSheetSubject & { mentorName: string } }> = [];
  if (canKeepRecordSheet(actor) && qualifications.length > 0) {
    const own = await RecordSheet.find({ ...course, mentorUserId: actor.userId }).lean<RecordSheetDoc[]>();
    const subject = await subjectOf({ ...course, mentorUserId: actor.userId, mentorName: actor.name });
    for (const q of qualifications) mine.push({ qualification: q, sheet: own.find((s) => s.qualificationCode === q.code) ?? null, subject });
  }
  const waiting = qualifications.length > 0 ? await RecordSheet.find({ ...course, status: { $in: ["submitted", "signed"] }, qualificationCode: { $in: [...byCode.keys()] } }).sort({ submittedAt: 1 }).limit(500).lean<RecordSheetDoc[]>() : [];
  const toSignOff: typeof mine = [];
  const toRelease: typeof mine = [];
  for (const sheet of waiting) {
    const qualification = byCode.get(sheet.qualificationCode)!;
    const signers = qualification.certification.method === "recordSheet" ? qualification.certification.signedOffBy : [];
    const subject = await subjectOf(sheet);
    if (sheet.status === "submitted" && signOffCapacity(actor, subject, signers)) toSignOff.push({ qualification, sheet, subject });
    if (sheet.status === "signed" && canReleaseRecordSheet(actor, subject)) toRelease.push({ qualification, sheet, subject });
  }
  return { mine, toSignOff, toRelease };
}
