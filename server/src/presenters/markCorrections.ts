import type { TMarkCorrection } from "../contracts/marking";
import type { ModuleMarkDoc } from "../models/moduleMark";
import { markLabel } from "../programme/markLabel";

/** A mark's corrections, oldest first, as before → after with who, when and why. */
export function presentCorrections(
  mark: Pick<ModuleMarkDoc, "kind" | "scoreMaximum" | "corrections"> | null,
): TMarkCorrection[] {
  return (mark?.corrections ?? []).map((c) => ({
    revision: c.revision,
    before: markLabel(mark!.kind, c.before, mark!.scoreMaximum),
    after: markLabel(mark!.kind, c.after, mark!.scoreMaximum),
    reason: c.reason,
    correctedByName: c.correctedByName,
    correctedAt: c.correctedAt.toISOString(),
    isFromLms: !!c.lmsMarkId,
  }));
}
