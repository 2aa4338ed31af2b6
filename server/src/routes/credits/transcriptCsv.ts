import type { Response } from "express";
import { streamCreditAwards, type CreditFields } from "../../queries/creditReads";
import type { TCreditListQuery } from "../../contracts/credits";
import { transcriptRecordsOfCourse } from "../../queries/transcriptRecords";

// What a row reads: a 25,000-row export then decodes a few short fields per award, not whole lines.
const ROW_FIELDS: CreditFields = {
  award: {
    mentorUserId: 1,
    mentorName: 1,
    programmeCode: 1,
    programmeVersion: 1,
    transcriptCode: 1,
    qualificationCode: 1,
    credits: 1,
    fheqLevel: 1,
    recordedAt: 1,
    waivedModules: 1,
  },
  followUp: { recordedAt: 1, boardDate: 1, boardReference: 1 },
};

const header = [
  "student_id",
  "email",
  "given_name",
  "family_name",
  "mentor_name",
  "lms_user_id",
  "programme",
  "programme_version",
  "code",
  "qualification",
  "credits",
  "fheq_level",
  "award_date",
  "status",
  "exam_board_date",
  "exam_board_reference",
  "module_marks",
];

/** One CSV field; formulas are neutralised so a spreadsheet never runs a name as code. */
export function csvField(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes the registry's credit transcript (one line per award: the student identifier, email and
 * names, programme, code, credits, FHEQ level, award date, status, the ratifying exam board's
 * date and reference, and the mentor's module marks) as CSV, row by row from a cursor, waiting for the socket when it is full.
 */
export async function streamTranscriptCsv(
  res: Response,
  scope: { tenantId: string; contextId: string },
  q: TCreditListQuery,
): Promise<void> {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="credit-transcript-${new Date().toISOString().slice(0, 10)}.csv"`,
  );
  res.setHeader("Cache-Control", "no-store");
  const write = async (fields: (string | number | null)[]) => {
    if (res.write(`${fields.map(csvField).join(",")}\r\n`)) return;
    // A client that went away never drains; "close" lets the loop below stop instead of hanging.
    // Whichever comes first removes both listeners: a "close" listener left behind by every wait
    // piled up for the length of the export (memory growing with the rows, not flat).
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
  };
  const { members, marksByMentor } = await transcriptRecordsOfCourse(scope);
  await write(header);
  for await (const { award, followUps, status } of streamCreditAwards(scope, q, ROW_FIELDS)) {
    if (res.destroyed) break;
    const ratification = status === "ratified" ? followUps.findLast((l) => l.kind === "ratification") : undefined;
    const person = members.get(award.mentorUserId);
    await write([
      person?.sourcedId ?? null,
      person?.email ?? null,
      person?.givenName ?? null,
      person?.familyName ?? null,
      award.mentorName,
      award.mentorUserId,
      award.programmeCode,
      award.programmeVersion,
      award.transcriptCode,
      award.qualificationCode,
      award.credits,
      award.fheqLevel,
      award.recordedAt.toISOString().slice(0, 10),
      status,
      ratification?.boardDate ?? null,
      ratification?.boardReference ?? null,
      // Modules the prior-learning route stood in for have no mark: the registry is told so.
      [
        ...(marksByMentor.get(award.mentorUserId) ?? []),
        ...(award.waivedModules ?? []).map((code) => `${code} waived (prior-learning route)`),
      ].join("; "),
    ]);
  }
  res.end();
}
