import type { AuditCompletionDoc } from "../models/auditCompletion";
import type { AuditRatingEntry } from "../models/auditRating";
import { joinWords } from "./moduleLocks";
import type { TProgramme } from "./schema";

/** A mentor's audit: every rating (newest first per descriptor), the stages completed and the modules passed (stages can wait on them). */
export interface AuditState {
  ratingsByDescriptor: Map<string, AuditRatingEntry[]>;
  completions: Map<string, AuditCompletionDoc>;
  passedModules: ReadonlySet<string>;
}

/** The mentor's current rating of each descriptor, where rated. */
export function currentRatings(state: AuditState): Map<string, number> {
  return new Map([...state.ratingsByDescriptor].map(([code, list]) => [code, list[0].value]));
}

/**
 * Why a stage is not open yet: an earlier stage outstanding, or modules it waits on (the audit
 * before Mastery waits on the Entry modules) not passed. Empty once it is open or complete.
 */
export function stageLocks(programme: TProgramme, state: AuditState, stageCode: string): string[] {
  const stage = programme.audit.stages.find((s) => s.code === stageCode);
  if (!stage || state.completions.has(stageCode)) return [];
  const locks: string[] = [];
  if (stage.after && !state.completions.has(stage.after)) {
    const earlier = programme.audit.stages.find((s) => s.code === stage.after)?.title ?? stage.after;
    locks.push(`Complete the ${earlier.charAt(0).toLowerCase()}${earlier.slice(1)} first.`);
  }
  const unpassed = stage.requiresModules.filter((code) => !state.passedModules.has(code));
  if (unpassed.length > 0) {
    const names = unpassed
      .map((code) => programme.modules.find((m) => m.code === code))
      .map((m, i) => (m ? `Module ${m.number}` : unpassed[i]));
    locks.push(`It opens when ${joinWords(names)} ${names.length === 1 ? "is" : "are"} passed.`);
  }
  return locks;
}

/** Why a stage cannot be completed yet: what keeps it closed (stageLocks), or descriptors not rated. */
export function stageBlockers(programme: TProgramme, state: AuditState, stageCode: string): string[] {
  const stage = programme.audit.stages.find((s) => s.code === stageCode);
  if (!stage || state.completions.has(stageCode)) return [];
  const blockers = stageLocks(programme, state, stageCode);
  const unrated = programme.standards
    .flatMap((s) => s.descriptors)
    .filter((d) => !state.ratingsByDescriptor.has(d.code));
  if (unrated.length > 0) blockers.push(`Rate every descriptor (${unrated.length} still to rate).`);
  return blockers;
}

/** Mean of the values, to one decimal place; null for none. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}
