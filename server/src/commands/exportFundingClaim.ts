import { Member } from "../models/member";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import { claimForYear } from "../programme/funding";
import { programmeForCourse } from "../programme/programmeForCourse";
import { schoolBands } from "./logTrainingHours";

/** One mentor's line in a school's funding claim. */
export interface ClaimLine {
  mentorName: string;
  school: string;
  academicYear: string;
  initialHours: number;
  refresherHours: number;
  claimableHours: number;
  pencePerHour: number;
  amountPence: number;
}

const NO_SCHOOL = "School not recorded";

/** Every mentor's claim in a course for one academic year, grouped under the school the hours were logged at. */
export async function fundingClaimLines(tenantId: string, contextId: string, academicYear: string): Promise<ClaimLine[]> {
  const [programme, entries, bands] = await Promise.all([
    programmeForCourse(tenantId, contextId),
    TrainingHoursEntry.find({ tenantId, contextId, academicYear }).lean(),
    schoolBands(tenantId, contextId),
  ]);
  const groups = new Map<string, typeof entries>();
  for (const e of entries) {
    const key = JSON.stringify([e.school ?? NO_SCHOOL, e.mentorUserId]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const names = new Map(
    (await Member.find({ tenantId, contextId, userId: { $in: [...new Set(entries.map((e) => e.mentorUserId))] } }, { userId: 1, name: 1 }).lean()).map((m) => [m.userId, m.name]),
  );
  const lines = [...groups].map(([key, list]) => {
    const [school, mentorUserId] = JSON.parse(key) as [string, string];
    const claim = claimForYear(programme.definition, academicYear, list, bands.get(school));
    return {
      mentorName: names.get(mentorUserId) ?? mentorUserId,
      school,
      academicYear,
      initialHours: claim.initialHours,
      refresherHours: claim.refresherHours,
      claimableHours: claim.claimableHours,
      pencePerHour: claim.rateBand.pencePerHour,
      amountPence: claim.amountPence,
    };
  });
  return lines.sort((a, b) => a.school.localeCompare(b.school) || a.mentorName.localeCompare(b.mentorName));
}

// A cell starting with =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pounds = (pence: number) => (pence / 100).toFixed(2);

/** A school's claim as CSV, one line per mentor, with a total line. */
export function fundingClaimCsv(lines: ClaimLine[]): string {
  const header = ["Mentor name", "School", "Academic year", "Initial hours", "Refresher hours", "Claimable hours", "Rate per hour (£)", "Amount (£)"];
  const rows = lines.map((l) => [l.mentorName, l.school, l.academicYear, l.initialHours, l.refresherHours, l.claimableHours, pounds(l.pencePerHour), pounds(l.amountPence)]);
  const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
  const totalHours = lines.reduce((sum, l) => sum + l.claimableHours, 0);
  rows.push(["Total", lines[0]?.school ?? "", lines[0]?.academicYear ?? "", "", "", totalHours, "", pounds(total)]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
