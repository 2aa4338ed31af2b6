import { invalidField, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { SchoolRateBand } from "../models/schoolRateBand";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import type { THoursEntryCreate } from "../contracts/hours";
import { authorize } from "../policies";
import { courseScope } from "../policies/scope";
import { academicYearOf, allocateFunding, capsFor, fundingNotSetMessage } from "../programme/funding";
import type { TProgramme } from "../programme/schema";
import type { CourseMentor } from "../queries/mentorInCourse";
import { newestFirst } from "../queries/hoursReads";
import { programmeInForce, type ProgrammeInForce } from "../queries/programmeInForce";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { tellHoursOverCap } from "./tellHoursOverCap";

/**
 * Adds a training session to a mentor's hours ledger, under the school they are at now, and
 * tells the mentor if it takes them over the year's funded cap. Returns what the person logging
 * should be told: hours beyond the year's cap (kept, but unfunded), or a year whose funding
 * figures the programme does not set; and, for the answer, the programme the entry was logged
 * under and the mentor's ledger (newest first) as read after it, which the figures' refresh
 * reads anyway.
 */
export async function logTrainingHours(props: {
  actor: Actor;
  mentor: CourseMentor;
  entry: Omit<THoursEntryCreate, "mentorUserId">;
}): Promise<{ id: string; warnings: string[]; programme: ProgrammeInForce; ledger: TrainingHoursEntryDoc[] }> {
  const { actor, mentor, entry } = props;
  const today = new Date().toISOString().slice(0, 10);
  if (entry.date > today) {
    throw invalidField("body.date", "cannot be in the future");
  }
  const programme = await programmeInForce(actor.tenantId, actor.contextId);
  const academicYear = academicYearOf(entry.date);
  const provider = entry.provider ?? programme.definition.partnership;
  const doc = await TrainingHoursEntry.create({
    ...courseScope(actor),
    mentorUserId: mentor.id,
    versionId: programme.versionId,
    date: entry.date,
    academicYear,
    activity: entry.activity,
    hours: entry.hours,
    kind: entry.kind,
    provider,
    deliveredBy: entry.deliveredBy || null,
    status: entry.status,
    school: mentor.school,
    schoolUrn: mentor.schoolUrn,
    loggedBy: actor.userId,
    loggedByName: actor.name,
  });
  const { hoursEntries } = await refreshMentorFigures({
    course: courseScope(actor),
    mentorUserId: mentor.id,
    programme: programme.definition,
    withHoursEntries: true,
  });
  const logged = doc.toObject() as TrainingHoursEntryDoc;
  await tellHoursOverCap({ programme: programme.definition, entry: logged });
  return {
    id: doc._id.toString(),
    warnings: await warningsFor(programme.definition, logged),
    programme,
    ledger: newestFirst(hoursEntries!),
  };
}

async function warningsFor(programme: TProgramme, entry: TrainingHoursEntryDoc): Promise<string[]> {
  const caps = capsFor(programme, entry.academicYear);
  if (!caps) return [fundingNotSetMessage(entry.academicYear)];
  if (entry.status === "exempted")
    return [`These ${entry.hours} hours are recorded as exempted through prior learning, so they are not funded.`];
  const sameYear = await TrainingHoursEntry.find({
    tenantId: entry.tenantId,
    contextId: entry.contextId,
    mentorUserId: entry.mentorUserId,
    academicYear: entry.academicYear,
  }).lean<TrainingHoursEntryDoc[]>();
  const split = allocateFunding(sameYear, caps);
  const funded = split.fundedByEntry[sameYear.findIndex((e) => e._id.equals(entry._id))] ?? 0;
  if (funded >= entry.hours) return [];
  const cap = entry.kind === "refresher" ? caps.refresherCapHours : caps.initialCapHours;
  return [
    `${entry.hours - funded} of these ${entry.hours} hours are beyond the ${cap}-hour cap on ${entry.kind} training from ${entry.provider} in ${entry.academicYear}: they are kept in the ledger but are not funded.`,
  ];
}

/**
 * Removes a ledger entry logged by mistake into the bin (out of the ledger, claims and figures;
 * restorable for 30 days); 404 if it is already gone (a repeated or concurrent delete).
 */
export async function removeTrainingHours(props: { actor: Actor; entryId: string }): Promise<void> {
  const entry = await TrainingHoursEntry.findOne({ _id: props.entryId, ...courseScope(props.actor) }).lean();
  if (!entry) throw notFound("That training-hours entry");
  authorize(props.actor, "delete", "Hours", entry);
  // Of concurrent deletes one moves the entry to the bin and the rest are told it is gone: one
  // conditional write, atomic on both engines.
  const { modifiedCount } = await TrainingHoursEntry.updateOne(
    { _id: entry._id, deletedAt: null },
    { $set: { deletedAt: new Date() } },
  );
  if (modifiedCount === 0) throw notFound("That training-hours entry");
  await refreshMentorFigures({ course: entry, mentorUserId: entry.mentorUserId });
}

/**
 * Puts an entry from the bin back in the ledger; whoever may remove it may restore it. 404 if it
 * is not in the bin. Returns the entry and, for the answer, the programme in force and the
 * mentor's ledger (newest first) as the figures' refresh read them after the restore.
 */
export async function restoreTrainingHours(props: {
  actor: Actor;
  entryId: string;
}): Promise<{ entry: TrainingHoursEntryDoc; programme: ProgrammeInForce; ledger: TrainingHoursEntryDoc[] }> {
  const entry = await TrainingHoursEntry.findOne({
    _id: props.entryId,
    ...courseScope(props.actor),
    deletedAt: { $ne: null },
  }).lean<TrainingHoursEntryDoc>();
  if (!entry) throw notFound("That training-hours entry in the bin");
  authorize(props.actor, "delete", "Hours", entry);
  const { modifiedCount } = await TrainingHoursEntry.updateOne(
    { _id: entry._id, deletedAt: { $ne: null } },
    { $set: { deletedAt: null } },
  );
  if (modifiedCount === 0) throw notFound("That training-hours entry in the bin");
  const programme = await programmeInForce(entry.tenantId, entry.contextId);
  const { hoursEntries } = await refreshMentorFigures({
    course: entry,
    mentorUserId: entry.mentorUserId,
    programme: programme.definition,
    withHoursEntries: true,
  });
  // Back in the ledger, it may take the mentor over the cap again.
  await tellHoursOverCap({ programme: programme.definition, entry });
  return { entry, programme, ledger: newestFirst(hoursEntries!) };
}

/** Purges ledger entries in the bin since before `cutoff`. */
export async function purgeBinnedHours(cutoff: Date): Promise<number> {
  const { deletedCount } = await TrainingHoursEntry.deleteMany({ deletedAt: { $ne: null, $lte: cutoff } });
  return deletedCount;
}

/** Sets the funding rate band a school claims at; the band must be one the programme lists. */
export async function setSchoolRateBand(props: { actor: Actor; school: string; band: string }): Promise<void> {
  const programme = await programmeInForce(props.actor.tenantId, props.actor.contextId);
  const bands = programme.definition.funding.rateBands.map((b) => b.code);
  if (!bands.includes(props.band)) {
    throw invalidField("body.band", `must be one of ${bands.join(", ")}`);
  }
  await SchoolRateBand.create({
    ...courseScope(props.actor),
    school: props.school,
    band: props.band,
    setBy: props.actor.userId,
  });
}
