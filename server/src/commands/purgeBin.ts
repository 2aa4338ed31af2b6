import { binCutoff } from "../models/binned";
import { purgeBinnedAttachments } from "./addAttachment";
import { purgeBinnedHours } from "./logTrainingHours";
import { purgeBinnedEvidence } from "./saveEvidence";

/**
 * The bin sweep: purges evidence, attachments and hours entries deleted more than 30 days
 * before `now`. Anything a submitted portfolio version holds is never purged.
 */
export async function purgeBin(
  p: { now?: Date } = {},
): Promise<{ evidence: number; attachments: number; hours: number }> {
  const cutoff = binCutoff(p.now ?? new Date());
  // Evidence first: its purge takes its own files with it.
  const evidence = await purgeBinnedEvidence(cutoff);
  const attachments = await purgeBinnedAttachments(cutoff);
  const hours = await purgeBinnedHours(cutoff);
  return { evidence, attachments, hours };
}
