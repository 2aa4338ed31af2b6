import { Member } from "../models/member";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import { allocateFunding, capsFor, rateBandFor } from "../programme/funding";
import { programmeInForce } from "./programmeInForce";
import type { TProgramme } from "../programme/schema";
import { schoolBands } from "./schoolBands";

/** One mentor's line for one training type in a school's funding claim. */
export interface ClaimLine {
  urn: string | null;
  school: string;
  academicYear: string;
  trn: string | null;
  mentorUserId: string;
  mentorName: string;
  dateOfBirth: string | null;
  kind: "initial" | "refresher";
  hours: number;
  fundedHours: number;
  unfundedHours: number;
  rateBand: { code: string; label: string; pencePerHour: number | null };
  amountPence: number | null;
}

/** One ledger entry as the provider's assurance pack shows it. */
export interface AssuranceRow {
  mentorName: string;
  trn: string | null;
  school: string;
  urn: string | null;
  date: string;
  kind: string;
  status: string;
  hours: number;
  fundedHours: number | null;
  provider: string;
  deliveredBy: string | null;
  mentorTotalHours: number;
}

const NO_SCHOOL = "School not recorded";

interface YearData {
  programme: TProgramme;
  entries: TrainingHoursEntryDoc[];
  funded: number[];
  covered: boolean;
  members: Map<string, { name: string; trn: string | null; schoolUrn: string | null; dateOfBirth: string | null }>;
  bands: Map<string, string>;
}

/** A course's ledger for one year, with each entry's funded hours (caps per mentor, provider and type). */
async function loadYear(tenantId: string, contextId: string, academicYear: string): Promise<YearData> {
  const [programme, all, bands] = await Promise.all([
    programmeInForce(tenantId, contextId),
    TrainingHoursEntry.find({ tenantId, contextId, academicYear })
      .sort({ date: 1, _id: 1 })
      .lean<TrainingHoursEntryDoc[]>(),
    schoolBands(tenantId, contextId),
  ]);
  // Hours recognised from another partnership's record were that partnership's training: its own
  // claim and assurance pack carry them, so they never appear in this provider's.
  const entries = all.filter((e) => !e.recognisedFrom?.issuerId);
  const caps = capsFor(programme.definition, academicYear);
  const funded = entries.map(() => 0);
  const byMentor = new Map<string, number[]>();
  entries.forEach((e, i) => byMentor.set(e.mentorUserId, [...(byMentor.get(e.mentorUserId) ?? []), i]));
  for (const indexes of byMentor.values()) {
    const split = allocateFunding(
      indexes.map((i) => entries[i]),
      caps,
    );
    indexes.forEach((entryIndex, k) => (funded[entryIndex] = split.fundedByEntry[k]));
  }
  const people = await Member.find(
    { tenantId, contextId, userId: { $in: [...byMentor.keys()] } },
    { userId: 1, name: 1, trn: 1, schoolUrn: 1, dateOfBirth: 1 },
  ).lean();
  const members = new Map(
    people.map((m) => [
      m.userId,
      { name: m.name, trn: m.trn ?? null, schoolUrn: m.schoolUrn ?? null, dateOfBirth: m.dateOfBirth ?? null },
    ]),
  );
  return { programme: programme.definition, entries, funded, covered: caps !== null, members, bands };
}

// Hours logged before the mentor entered their school's URN count under the URN they entered later.
const urnOf = (data: YearData, e: TrainingHoursEntryDoc) =>
  e.schoolUrn ?? data.members.get(e.mentorUserId)?.schoolUrn ?? null;

/** Every mentor's claim lines in a course for one academic year (one line per mentor, school and training type). */
export async function fundingClaimLines(
  tenantId: string,
  contextId: string,
  academicYear: string,
): Promise<{ covered: boolean; lines: ClaimLine[] }> {
  const data = await loadYear(tenantId, contextId, academicYear);
  const groups = new Map<string, number[]>();
  data.entries.forEach((e, i) => {
    const key = JSON.stringify([urnOf(data, e), e.school ?? NO_SCHOOL, e.mentorUserId, e.kind]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const askDateOfBirth = data.programme.funding.askDateOfBirth;
  const lines = [...groups].map(([key, indexes]): ClaimLine => {
    const [urn, school, mentorUserId, kind] = JSON.parse(key) as [string | null, string, string, ClaimLine["kind"]];
    const person = data.members.get(mentorUserId);
    const hours = indexes.reduce((s, i) => s + data.entries[i].hours, 0);
    const fundedHours = indexes.reduce((s, i) => s + data.funded[i], 0);
    const rateBand = rateBandFor(data.programme, data.bands.get(school), academicYear);
    return {
      urn,
      school,
      academicYear,
      trn: person?.trn ?? null,
      mentorUserId,
      mentorName: person?.name ?? mentorUserId,
      dateOfBirth: askDateOfBirth ? (person?.dateOfBirth ?? null) : null,
      kind,
      hours,
      fundedHours,
      unfundedHours: hours - fundedHours,
      rateBand,
      amountPence: rateBand.pencePerHour === null ? null : Math.round(fundedHours * rateBand.pencePerHour),
    };
  });
  lines.sort(
    (a, b) =>
      (a.urn ?? "").localeCompare(b.urn ?? "") ||
      a.school.localeCompare(b.school) ||
      a.mentorName.localeCompare(b.mentorName) ||
      a.kind.localeCompare(b.kind),
  );
  return { covered: data.covered, lines };
}

/** The provider's assurance pack for a year: every entry with the mentor, workplace, deliverer and date. */
export async function assuranceRows(
  tenantId: string,
  contextId: string,
  academicYear: string,
): Promise<AssuranceRow[]> {
  const data = await loadYear(tenantId, contextId, academicYear);
  const totals = new Map<string, number>();
  for (const e of data.entries) totals.set(e.mentorUserId, (totals.get(e.mentorUserId) ?? 0) + e.hours);
  const rows = data.entries.map((e, i) => {
    const person = data.members.get(e.mentorUserId);
    return {
      mentorName: person?.name ?? e.mentorUserId,
      trn: person?.trn ?? null,
      school: e.school ?? NO_SCHOOL,
      urn: urnOf(data, e),
      date: e.date,
      kind: e.kind,
      status: e.status ?? "completed",
      hours: e.hours,
      fundedHours: data.covered ? data.funded[i] : null,
      provider: e.provider ?? data.programme.partnership,
      deliveredBy: e.deliveredBy ?? null,
      mentorTotalHours: totals.get(e.mentorUserId) ?? 0,
    };
  });
  return rows.sort((a, b) => a.mentorName.localeCompare(b.mentorName) || a.date.localeCompare(b.date));
}

/**
 * One CSV cell. A cell starting with =, +, -, @, tab or carriage return would run as a formula
 * in a spreadsheet (CSV injection), so it is prefixed with an apostrophe and quoted.
 */
export function csvCell(value: string | number | null): string {
  const original = value === null ? "" : String(value);
  let text = original;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== original ? `"${text.replace(/"/g, '""')}"` : text;
}

const toCsv = (rows: Array<Array<string | number | null>>) =>
  rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
const pounds = (pence: number | null) => (pence === null ? "" : (pence / 100).toFixed(2));

/** A school's claim as CSV, one line per mentor and training type, with a total line. */
export function fundingClaimCsv(lines: ClaimLine[], options: { withDateOfBirth: boolean }): string {
  const dob = (value: string | null): Array<string | null> => (options.withDateOfBirth ? [value] : []);
  const header = [
    "School URN",
    "School",
    "Academic year",
    "TRN",
    "Mentor name",
    ...dob("Date of birth"),
    "Training type",
    "Funded hours",
    "Unfunded hours",
    "Rate band",
    "Rate per hour (£)",
    "Amount (£)",
  ];
  const rows = lines.map((l) => [
    l.urn,
    l.school,
    l.academicYear,
    l.trn,
    l.mentorName,
    ...dob(l.dateOfBirth),
    l.kind,
    l.fundedHours,
    l.unfundedHours,
    l.rateBand.label,
    pounds(l.rateBand.pencePerHour),
    pounds(l.amountPence),
  ]);
  const sum = (pick: (l: ClaimLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  rows.push([
    "Total",
    lines[0]?.school ?? "",
    lines[0]?.academicYear ?? "",
    "",
    "",
    ...dob(""),
    "",
    sum((l) => l.fundedHours),
    sum((l) => l.unfundedHours),
    "",
    "",
    pounds(sum((l) => l.amountPence ?? 0)),
  ]);
  return toCsv([header, ...rows]);
}

export const ASSURANCE_HEADER = [
  "Mentor name",
  "TRN",
  "Workplace",
  "School URN",
  "Date",
  "Training type",
  "Completed or exempted",
  "Hours",
  "Funded hours",
  "Provider",
  "Delivered by",
  "Mentor's hours in the year",
];

const assuranceCells = (r: AssuranceRow) => [
  r.mentorName,
  r.trn,
  r.school,
  r.urn,
  r.date,
  r.kind,
  r.status,
  r.hours,
  r.fundedHours,
  r.provider,
  r.deliveredBy,
  r.mentorTotalHours,
];

/** The provider's assurance pack as CSV, one line per training entry. */
export function assuranceCsv(rows: AssuranceRow[]): string {
  return toCsv([ASSURANCE_HEADER, ...rows.map(assuranceCells)]);
}
