import type { TModule, TProgramme } from "./schema";

/**
 * Why a module is still locked for a mentor: prerequisite modules not yet passed, and audit
 * stages not yet completed. Empty when the module is open. The server checks this on every
 * write to module work, so hiding a module in the UI is never the only guard.
 */
export function lockedReasons(
  programme: TProgramme,
  module: TModule,
  passed: ReadonlySet<string>,
  auditsDone: ReadonlySet<string>,
): string[] {
  const reasons: string[] = [];
  const missing = module.prerequisites.filter((code) => !passed.has(code));
  if (missing.length > 0) {
    const names = missing.map((code) => {
      const m = programme.modules.find((x) => x.code === code);
      return m ? `Module ${m.number}` : code;
    });
    reasons.push(`Pass ${joinWords(names)} first.`);
  }
  for (const stage of module.requiresAudits) {
    if (auditsDone.has(stage)) continue;
    const title = programme.audit.stages.find((s) => s.code === stage)?.title ?? stage;
    reasons.push(`Complete your ${title.charAt(0).toLowerCase()}${title.slice(1)} first.`);
  }
  return reasons;
}

/**
 * What opens a locked module, as one sentence for its page: "Opens when Modules 1 and 2 are
 * passed and your audit before Mastery is complete." Names only what is still missing; null when
 * the module is open.
 */
export function opensWhen(
  programme: TProgramme,
  module: TModule,
  passed: ReadonlySet<string>,
  auditsDone: ReadonlySet<string>,
): string | null {
  const parts: string[] = [];
  const missing = module.prerequisites
    .filter((code) => !passed.has(code))
    .map((code) => programme.modules.find((x) => x.code === code))
    .map((m, i) => (m ? String(m.number) : module.prerequisites.filter((c) => !passed.has(c))[i]));
  if (missing.length === 1) parts.push(`Module ${missing[0]} is passed`);
  if (missing.length > 1) parts.push(`Modules ${joinWords(missing)} are passed`);
  for (const stage of module.requiresAudits) {
    if (auditsDone.has(stage)) continue;
    const title = programme.audit.stages.find((s) => s.code === stage)?.title ?? stage;
    parts.push(`your ${title.charAt(0).toLowerCase()}${title.slice(1)} is complete`);
  }
  return parts.length > 0 ? `Opens when ${joinWords(parts)}.` : null;
}

/** "A", "A and B", "A, B and C". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The marking scheme as a score range: pass_resubmit counts as 1 (pass) or 0 (resubmit) out of 1. */
export function scoreRange(module: TModule): {
  scheme: "score" | "pass_resubmit";
  maximum: number;
  passMark: number | null;
} {
  return module.marking.scheme === "score"
    ? { scheme: "score", maximum: module.marking.maximum, passMark: module.marking.passMark }
    : { scheme: "pass_resubmit", maximum: 1, passMark: null };
}
