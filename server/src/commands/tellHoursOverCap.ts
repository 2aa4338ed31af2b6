import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import { capsFor } from "../programme/funding";
import type { TProgramme } from "../programme/schema";
import { tellMentor } from "./tellMentor";

/**
 * Tells the mentor when the entry just added (or restored) takes their hours of one kind from one
 * provider in one academic year over the funded cap (programme/funding.ts): once per crossing, not
 * for every entry beyond it. The notice's key is the entry at which the hours, taken in the order
 * they were logged, first pass the cap, so two entries logged at once that cross together tell
 * once, and hours that drop back under the cap (an entry removed) and cross again tell again.
 */
export async function tellHoursOverCap(props: { programme: TProgramme; entry: TrainingHoursEntryDoc }): Promise<void> {
  const { programme, entry } = props;
  if (entry.status === "exempted") return;
  const caps = capsFor(programme, entry.academicYear);
  if (!caps) return;
  const cap = entry.kind === "refresher" ? caps.refresherCapHours : caps.initialCapHours;
  // Binned entries are left out by the model (models/binned.ts), as the funding split leaves them.
  const bucket = await TrainingHoursEntry.find(
    {
      tenantId: entry.tenantId,
      contextId: entry.contextId,
      mentorUserId: entry.mentorUserId,
      academicYear: entry.academicYear,
      kind: entry.kind,
      provider: entry.provider,
      status: { $ne: "exempted" },
    },
    { hours: 1 },
  )
    .sort({ _id: 1 })
    .lean<Pick<TrainingHoursEntryDoc, "_id" | "hours">[]>();
  const total = bucket.reduce((sum, e) => sum + e.hours, 0);
  const isCrossing = total > cap && total - entry.hours <= cap;
  if (!isCrossing) return;
  let running = 0;
  const crossing = bucket.find((e) => (running += e.hours) > cap) ?? entry;
  const provider = entry.provider ? ` from ${entry.provider}` : "";
  await tellMentor({
    tenantId: entry.tenantId,
    contextId: entry.contextId,
    mentorUserId: entry.mentorUserId,
    key: `hours-over-cap:${crossing._id.toString()}`,
    kind: "hours_over_cap",
    title: `Your ${entry.kind} training hours for ${entry.academicYear} are over the funded cap`,
    body: `You now have ${total} hours of ${entry.kind} training${provider} in ${entry.academicYear}. Funding covers up to ${cap}: the ${total - cap} beyond it stay in your record, but your school cannot claim for them.`,
    link: "/hours",
  });
}
