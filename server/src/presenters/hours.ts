import type { THoursEntry, THoursLedger } from "../contracts/hours";
import { recognisedLabel } from "../programme/recognisedLabel";
import type { Actor } from "../lti/sessionToken";
import type { TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import { can } from "../policies";
import { academicYearOf, allocateFunding, capsFor, claimForYear } from "../programme/funding";
import type { CourseMentor } from "../queries/mentorInCourse";
import type { TProgramme } from "../programme/schema";

export function presentHoursEntry(actor: Actor, entry: TrainingHoursEntryDoc, fundedHours: number | null): THoursEntry {
  return {
    id: entry._id.toString(),
    date: entry.date,
    academicYear: entry.academicYear,
    activity: entry.activity,
    hours: entry.hours,
    kind: entry.kind as THoursEntry["kind"],
    provider: entry.provider ?? null,
    deliveredBy: entry.deliveredBy ?? null,
    status: (entry.status ?? "completed") as THoursEntry["status"],
    fundedHours,
    school: entry.school ?? null,
    recognisedFrom: entry.recognisedFrom?.issuerId
      ? recognisedLabel(entry.recognisedFrom.issuerName ?? "", entry.recognisedFrom.issuerId)
      : null,
    loggedByName: entry.loggedByName,
    canDelete: can(actor, "delete", "Hours", entry),
  };
}

/** A mentor's ledger, newest first, with each academic year's claim (the current year always shown). */
export function presentHoursLedger(props: {
  actor: Actor;
  mentor: CourseMentor;
  programme: TProgramme;
  entries: TrainingHoursEntryDoc[];
  band: string | null;
  warnings?: string[];
}): THoursLedger {
  const { actor, mentor, programme, entries, band } = props;
  const currentAcademicYear = academicYearOf(new Date().toISOString().slice(0, 10));
  const years = [...new Set([currentAcademicYear, ...entries.map((e) => e.academicYear)])].sort().reverse();
  const funded = new Map<string, number | null>();
  for (const y of years) {
    const inYear = entries.filter((e) => e.academicYear === y);
    const caps = capsFor(programme, y);
    const split = allocateFunding(inYear, caps);
    inYear.forEach((e, i) => funded.set(e._id.toString(), caps ? split.fundedByEntry[i] : null));
  }
  return {
    mentor: { id: mentor.id, name: mentor.name, school: mentor.school },
    entries: entries.map((e) => presentHoursEntry(actor, e, funded.get(e._id.toString()) ?? null)),
    years: years.map((y) =>
      claimForYear(
        programme,
        y,
        entries.filter((e) => e.academicYear === y),
        band,
      ),
    ),
    currentAcademicYear,
    warnings: props.warnings ?? [],
  };
}
