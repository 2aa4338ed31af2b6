import type { THoursEntry, THoursLedger } from "../contracts/hours";
import type { Actor } from "../lti/sessionToken";
import type { TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import { canOnHours } from "../policies/hours";
import { academicYearOf, claimForYear } from "../programme/funding";
import type { CourseMentor } from "../programme/mentorInCourse";
import type { TProgramme } from "../programme/schema";

export function presentHoursEntry(actor: Actor, entry: TrainingHoursEntryDoc): THoursEntry {
  return {
    id: entry._id.toString(),
    date: entry.date,
    academicYear: entry.academicYear,
    activity: entry.activity,
    hours: entry.hours,
    kind: entry.kind as THoursEntry["kind"],
    school: entry.school ?? null,
    loggedByName: entry.loggedByName,
    canDelete: canOnHours(actor, "delete", entry),
  };
}

/** A mentor's ledger, newest first, with each academic year's claim (the current year always shown). */
export function presentHoursLedger(props: {
  actor: Actor;
  mentor: CourseMentor;
  programme: TProgramme;
  entries: TrainingHoursEntryDoc[];
  band: string | null;
}): THoursLedger {
  const { actor, mentor, programme, entries, band } = props;
  const currentAcademicYear = academicYearOf(new Date().toISOString().slice(0, 10));
  const years = [...new Set([currentAcademicYear, ...entries.map((e) => e.academicYear)])].sort().reverse();
  return {
    mentor,
    entries: entries.map((e) => presentHoursEntry(actor, e)),
    years: years.map((y) => claimForYear(programme, y, entries.filter((e) => e.academicYear === y), band)),
    currentAcademicYear,
  };
}
