import type { TEvidenceBin } from "../contracts/evidence";
import type { THoursBin } from "../contracts/hours";
import { Attachment } from "../models/attachment";
import { purgeDateOf } from "../models/binned";
import { Evidence } from "../models/evidence";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import type { MentorScope } from "../commands/saveEvidence";

const inBin = { deletedAt: { $ne: null } };
const newestFirst = (a: { deletedAt: string }, b: { deletedAt: string }) =>
  a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0;

/**
 * The mentor's evidence bin: deleted evidence, and files deleted from evidence that is not itself
 * in the bin (those come back with their evidence). Reads only.
 */
export async function evidenceBin(scope: MentorScope): Promise<TEvidenceBin> {
  const [binnedEvidence, binnedFiles] = await Promise.all([
    Evidence.find({ ...scope, ...inBin }, { title: 1, deletedAt: 1 }).lean<
      Array<{ _id: unknown; title: string; deletedAt: Date }>
    >(),
    Attachment.find({ ...scope, ...inBin }, { evidenceId: 1, filename: 1, deletedAt: 1 }).lean<
      Array<{ _id: unknown; evidenceId: unknown; filename: string; deletedAt: Date }>
    >(),
  ]);
  const holders = await Evidence.find(
    { ...scope, _id: { $in: [...new Set(binnedFiles.map((f) => String(f.evidenceId)))] } },
    { title: 1 },
  ).lean();
  const titleOf = new Map(holders.map((e) => [String(e._id), e.title]));
  const items: TEvidenceBin["items"] = [
    ...binnedEvidence.map((e) => ({
      kind: "evidence" as const,
      id: String(e._id),
      evidenceId: String(e._id),
      evidenceTitle: e.title,
      filename: null,
      ...dates(e.deletedAt),
    })),
    ...binnedFiles
      .filter((f) => titleOf.has(String(f.evidenceId)))
      .map((f) => ({
        kind: "attachment" as const,
        id: String(f._id),
        evidenceId: String(f.evidenceId),
        evidenceTitle: titleOf.get(String(f.evidenceId))!,
        filename: f.filename,
        ...dates(f.deletedAt),
      })),
  ];
  return { items: items.sort(newestFirst) };
}

/** Entries removed from one mentor's hours ledger and still in the bin. Reads only. */
export async function hoursBin(scope: MentorScope): Promise<THoursBin> {
  const entries = await TrainingHoursEntry.find(
    { ...scope, ...inBin },
    { date: 1, activity: 1, hours: 1, deletedAt: 1 },
  ).lean<Array<{ _id: unknown; date: string; activity: string; hours: number; deletedAt: Date }>>();
  return {
    entries: entries
      .map((e) => ({ id: String(e._id), date: e.date, activity: e.activity, hours: e.hours, ...dates(e.deletedAt) }))
      .sort(newestFirst),
  };
}

const dates = (deletedAt: Date) => ({
  deletedAt: deletedAt.toISOString(),
  purgeAt: purgeDateOf(deletedAt).toISOString(),
});
