import { conflict, invalidFields } from "../errors";
import type { TRecordSheetSave } from "../contracts/recordSheets";
import type { Actor } from "../lti/sessionToken";
import { RecordSheet, type RecordSheetDoc } from "../models/recordSheet";
import { courseScope } from "../policies/scope";
import { completedModuleCodes } from "../queries/moduleProgress";
import { programmeInForce } from "../queries/programmeInForce";
import type { TQualification } from "../programme/schema";
import { recordSheetQualification } from "../queries/recordSheetReads";

type Problem = { field: string; label: string; message: string };

/** The values the programme's fields accept, or a 400 naming each bad one by its label. */
function checkedValues(
  q: TQualification,
  values: Record<string, string>,
  isSubmit: boolean,
): Array<{ code: string; value: string }> {
  const fields = q.certification.method === "recordSheet" ? q.certification.fields : [];
  const problems: Problem[] = [];
  for (const code of Object.keys(values)) {
    if (!fields.some((f) => f.code === code))
      problems.push({ field: `body.values.${code}`, label: code, message: "is not a field of this record sheet" });
  }
  const kept = fields.map((f) => ({ code: f.code, value: (values[f.code] ?? "").trim() }));
  fields.forEach((f, i) => {
    const value = kept[i].value;
    if (
      f.kind === "date" &&
      value &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    ) {
      problems.push({ field: `body.values.${f.code}`, label: f.label, message: "must be a date like 2026-11-22" });
    } else if (isSubmit && f.required && !value) {
      problems.push({ field: `body.values.${f.code}`, label: f.label, message: "must be filled in before you submit" });
    }
  });
  // The sheet's own field labels, in the sentence people and tests know ("Last day of the placement: must be filled in …").
  if (problems.length > 0)
    throw invalidFields(problems, { summary: problems.map((p) => `${p.label}: ${p.message}.`).join(" ") });
  return kept.filter((v) => v.value !== "");
}

/**
 * Saves the mentor's record sheet for a qualification and, with `submit`, hands it to the person
 * who signs it off. Only a draft changes, and only from the version the mentor read (409
 * otherwise); the sheet is created on first save by an upsert on its unique key.
 */
export async function saveRecordSheet(p: {
  actor: Actor;
  qualificationCode: string;
  input: TRecordSheetSave;
  submit: boolean;
}): Promise<RecordSheetDoc> {
  const course = courseScope(p.actor);
  const programme = await programmeInForce(course.tenantId, course.contextId);
  const qualification = recordSheetQualification(programme.definition, p.qualificationCode);
  const values = checkedValues(qualification, p.input.values, p.submit);
  if (p.submit) {
    const done = await completedModuleCodes(course.tenantId, course.contextId, p.actor.userId);
    const missing = qualification.requiredModules.filter((m) => !done.has(m));
    if (missing.length > 0)
      throw conflict(
        `This record sheet cannot be submitted yet: complete module${missing.length > 1 ? "s" : ""} ${missing.join(", ")} first.`,
        { reasons: missing },
      );
  }
  const key = { ...course, mentorUserId: p.actor.userId, qualificationCode: qualification.code };
  await RecordSheet.updateOne(
    key,
    { $setOnInsert: { ...key, mentorName: p.actor.name, status: "draft", version: 0, values: [] } },
    { upsert: true },
  );
  const saved = await RecordSheet.updateOne(
    { ...key, status: "draft", version: p.input.expectedVersion },
    {
      $set: {
        values,
        ...(p.submit
          ? {
              status: "submitted",
              submittedAt: new Date(),
              programme: { versionId: programme.versionId, code: programme.code, version: programme.version },
            }
          : {}),
      },
      $inc: { version: 1 },
    },
  );
  const sheet = (await RecordSheet.findOne(key).lean<RecordSheetDoc>())!;
  if (saved.modifiedCount === 0) {
    if (sheet.status !== "draft")
      throw conflict("This record sheet has been submitted for sign-off and can no longer be changed.");
    throw conflict(
      "Your record sheet was changed somewhere else since you opened it. Reload it and make your change again.",
    );
  }
  return sheet;
}
