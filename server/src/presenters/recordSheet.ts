import type { TRecordSheet } from "../contracts/recordSheets";
import type { Actor } from "../lti/sessionToken";
import type { RecordSheetDoc } from "../models/recordSheet";
import { can } from "../policies";
import type { RecordSheetSubject } from "../policies/recordSheet";
import { isOwnWork } from "../policies/ownWork";
import type { TQualification } from "../programme/schema";

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * A record sheet for the actor. Its mentor sees a signature only once the award is released (as
 * a panel outcome reaches a mentor on release); until then the sheet reads "submitted".
 */
export function presentRecordSheet(
  actor: Actor,
  qualification: TQualification,
  sheet: RecordSheetDoc | null,
  subject: RecordSheetSubject & { mentorName: string },
): TRecordSheet {
  const certification = qualification.certification;
  const fields = certification.method === "recordSheet" ? certification.fields : [];
  const signedOffBy = certification.method === "recordSheet" ? certification.signedOffBy : [];
  const isOwn = isOwnWork(actor, subject);
  const status = sheet?.status ?? "draft";
  const isHidden = isOwn && status === "signed";
  const values = Object.fromEntries((sheet?.values ?? []).map((v) => [v.code ?? "", v.value ?? ""]));
  return {
    id: sheet ? sheet._id.toString() : null,
    qualification: { code: qualification.code, title: qualification.title, summary: qualification.summary },
    mentor: { userId: subject.mentorUserId, name: sheet?.mentorName ?? subject.mentorName },
    fields: fields.map((f) => ({ code: f.code, label: f.label, kind: f.kind, hint: f.hint, required: f.required })),
    values,
    status: isHidden ? "submitted" : status,
    version: sheet?.version ?? 0,
    signedOffBy: [...signedOffBy],
    submittedAt: iso(sheet?.submittedAt),
    signOff:
      sheet?.signedBy && sheet.signedAt && sheet.signedAs && !isHidden
        ? {
            userId: sheet.signedBy,
            name: sheet.signedByName ?? sheet.signedBy,
            role: sheet.signedAs,
            at: iso(sheet.signedAt)!,
            comment: sheet.signOffComment ?? "",
          }
        : null,
    releasedAt: iso(sheet?.releasedAt),
    abilities: {
      edit: isOwn && status === "draft",
      signOff: status === "submitted" && can(actor, "signOff", "RecordSheet", { ...subject, signedOffBy }),
      release: status === "signed" && can(actor, "release", "RecordSheet", { ...subject, signedOffBy }),
    },
  };
}
