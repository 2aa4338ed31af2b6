import type { Actor } from "../lti/sessionToken";
import { RecordSheet, type RecordSheetDoc } from "../models/recordSheet";
import { can } from "../policies";
import type { RecordSheetSubject } from "../policies/recordSheet";
import { courseScope } from "../policies/scope";
import { notFound } from "../errors";
import { programmeInForce } from "./programmeInForce";
import type { TProgramme, TQualification, TSignOffBy } from "../programme/schema";
import { supportOfMentors, type ResolvedSupport } from "./supportReads";

/** The qualifications a programme certifies by record-sheet sign-off. */
export const signedOffQualifications = (def: TProgramme) =>
  def.qualifications.filter((q) => q.certification.method === "recordSheet");

/** The qualification a sheet is for, if the programme (still) certifies it by sign-off. */
export function recordSheetQualification(def: TProgramme, code: string): TQualification {
  const q = signedOffQualifications(def).find((x) => x.code === code);
  if (!q) throw notFound("That record sheet");
  return q;
}

/** Who the programme lets sign off a qualification's record sheet. */
export const signersOf = (q: TQualification): TSignOffBy[] =>
  q.certification.method === "recordSheet" ? q.certification.signedOffBy : [];

type SheetOwner = Pick<RecordSheetDoc, "tenantId" | "contextId" | "mentorUserId" | "mentorName">;
type Subject = RecordSheetSubject & { mentorName: string };

function subjectFrom(sheet: SheetOwner, support: ResolvedSupport | undefined): Subject {
  return {
    tenantId: sheet.tenantId,
    contextId: sheet.contextId,
    mentorUserId: sheet.mentorUserId,
    mentorName: sheet.mentorName,
    leadMentorUserId: support?.leadMentorUserId ?? null,
    linkTutorUserId: support?.linkTutorUserId ?? null,
    coordinatingMentorUserId: support?.coordinatingMentorUserId ?? null,
  };
}

/** A stored sheet with who supports its mentor now (their own people and their school's), as the policies need it. */
export async function subjectOf(sheet: SheetOwner): Promise<Subject> {
  const support = await supportOfMentors({ tenantId: sheet.tenantId, contextId: sheet.contextId }, [
    sheet.mentorUserId,
  ]);
  return subjectFrom(sheet, support.get(sheet.mentorUserId));
}

/** Loads a sheet of the actor's course they may read, with its qualification; anything else is 404. */
export async function loadVisibleRecordSheet(actor: Actor, sheetId: string) {
  const sheet = await RecordSheet.findOne({ ...courseScope(actor), _id: sheetId }).lean<RecordSheetDoc>();
  if (!sheet) throw notFound("That record sheet");
  const [subject, { definition }] = await Promise.all([
    subjectOf(sheet),
    programmeInForce(sheet.tenantId, sheet.contextId),
  ]);
  const qualification = recordSheetQualification(definition, sheet.qualificationCode);
  if (!can(actor, "read", "RecordSheet", { ...subject, signedOffBy: signersOf(qualification) }))
    throw notFound("That record sheet");
  return { sheet, subject, qualification };
}

/**
 * What the record-sheet page lists for the actor: their own sheets (one per sign-off
 * qualification, started or not), the submitted sheets they may sign off, and, for programme
 * leads, the signed sheets waiting for release. Reads only.
 */
export async function listRecordSheets(actor: Actor) {
  const course = courseScope(actor);
  const { definition } = await programmeInForce(course.tenantId, course.contextId);
  const qualifications = signedOffQualifications(definition);
  const byCode = new Map(qualifications.map((q) => [q.code, q]));
  const mine: Array<{ qualification: TQualification; sheet: RecordSheetDoc | null; subject: Subject }> = [];
  if (can(actor, "keep", "RecordSheet") && qualifications.length > 0) {
    const own = await RecordSheet.find({ ...course, mentorUserId: actor.userId }).lean<RecordSheetDoc[]>();
    const subject = await subjectOf({ ...course, mentorUserId: actor.userId, mentorName: actor.name });
    for (const q of qualifications)
      mine.push({ qualification: q, sheet: own.find((s) => s.qualificationCode === q.code) ?? null, subject });
  }
  const waiting =
    qualifications.length > 0
      ? await RecordSheet.find({
          ...course,
          status: { $in: ["submitted", "signed"] },
          qualificationCode: { $in: [...byCode.keys()] },
        })
          .sort({ submittedAt: 1 })
          .limit(500)
          .lean<RecordSheetDoc[]>()
      : [];
  const supports = await supportOfMentors(
    course,
    waiting.map((s) => s.mentorUserId),
  );
  const toSignOff: typeof mine = [];
  const toRelease: typeof mine = [];
  for (const sheet of waiting) {
    const qualification = byCode.get(sheet.qualificationCode)!;
    const subject = subjectFrom(sheet, supports.get(sheet.mentorUserId));
    if (
      sheet.status === "submitted" &&
      can(actor, "signOff", "RecordSheet", { ...subject, signedOffBy: signersOf(qualification) })
    )
      toSignOff.push({ qualification, sheet, subject });
    if (
      sheet.status === "signed" &&
      can(actor, "release", "RecordSheet", { ...subject, signedOffBy: signersOf(qualification) })
    )
      toRelease.push({ qualification, sheet, subject });
  }
  return { mine, toSignOff, toRelease };
}
