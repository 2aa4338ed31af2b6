import type {
  TModuleDecision,
  TModuleDetail,
  TModuleState,
  TModuleSummary,
  TPathwayResponse,
} from "../contracts/modules";
import type { ModuleMarkDoc } from "../models/moduleMark";
import type { ModuleSubmissionDoc } from "../models/moduleSubmission";
import { presentCorrections } from "./markCorrections";
import type { ModuleWorkFileDoc } from "../models/moduleWorkFile";
import { opensWhen, scoreRange } from "../programme/moduleLocks";
import { isEditable, moduleLocks, submitBlockers, type Pathway } from "../programme/moduleWork";
import type { TModule } from "../programme/schema";
import { presentModuleContent, presentModuleWorkFile } from "./moduleContent";

/** How a tutor's decision reads to people. */
export function presentDecision(mark: ModuleMarkDoc): TModuleDecision {
  const label =
    mark.kind === "return"
      ? "Returned for more work"
      : mark.scoreMaximum === 1 && mark.score !== null && mark.score <= 1
        ? mark.passed
          ? "Pass"
          : "Resubmit"
        : `${mark.score} / ${mark.scoreMaximum}${mark.passed ? " (pass)" : " (below the pass mark)"}`;
  return {
    kind: mark.kind,
    score: mark.score ?? null,
    scoreMaximum: mark.scoreMaximum ?? null,
    passed: mark.passed,
    label,
    feedback: mark.feedback,
    markedByName: mark.markedByName,
    markedAt: (mark as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
    correction: latestCorrection(mark),
  };
}

/** The mark's latest correction as the mentor reads it, or null if it was never corrected. */
function latestCorrection(mark: ModuleMarkDoc): TModuleDecision["correction"] {
  const latest = presentCorrections(mark).at(-1);
  return latest
    ? {
        previous: latest.before,
        reason: latest.reason,
        correctedByName: latest.correctedByName,
        correctedAt: latest.correctedAt,
        isFromLms: latest.isFromLms,
      }
    : null;
}

/** Attempts with their decisions, oldest first. */
export function presentHistory(submissions: ModuleSubmissionDoc[], marks: ModuleMarkDoc[]) {
  return submissions.map((s) => {
    const mark = marks.find((m) => m.attempt === s.attempt);
    return {
      attempt: s.attempt,
      submittedAt: s.submittedAt.toISOString(),
      decision: mark ? presentDecision(mark) : null,
    };
  });
}

function stateOf(pathway: Pathway, code: string, locks: string[]): TModuleState {
  const record = pathway.records.get(code);
  if (!record) return locks.length > 0 ? "locked" : "open";
  if (record.status === "graded" && !record.passed) return "returned";
  return record.status as TModuleState;
}

/** One module on the pathway. `latest` is the decision on the latest attempt, if any. */
export function presentModuleSummary(pathway: Pathway, module: TModule, latest: ModuleMarkDoc | null): TModuleSummary {
  const record = pathway.records.get(module.code);
  const locks = moduleLocks(pathway, module.code);
  const done = pathway.completions.get(module.code) ?? new Set<string>();
  const level = pathway.programme.definition.levels.find((l) => l.code === module.level);
  return {
    code: module.code,
    number: module.number,
    title: module.title,
    level: module.level,
    levelTitle: level?.title ?? module.level,
    summary: module.summary,
    notionalHours: module.notionalHours,
    state: stateOf(pathway, module.code, record ? [] : locks),
    lockedReasons: record ? [] : locks,
    passed: record?.passed ?? false,
    activitiesDone: module.activities.filter((a) => done.has(a.code)).length,
    activitiesTotal: module.activities.length,
    attempt: record?.attempt ?? 0,
    latestDecision: latest ? presentDecision(latest) : null,
  };
}

export function presentPathway(
  pathway: Pathway,
  mentor: { id: string; name: string },
  latestMarks: ModuleMarkDoc[],
): TPathwayResponse {
  const { definition } = pathway.programme;
  const latestByModule = new Map<string, ModuleMarkDoc>();
  for (const mark of latestMarks) {
    const seen = latestByModule.get(mark.moduleCode);
    if (!seen || seen.attempt < mark.attempt) latestByModule.set(mark.moduleCode, mark);
  }
  const modules = [...definition.modules]
    .sort((a, b) => a.number - b.number)
    .map((m) => presentModuleSummary(pathway, m, latestByModule.get(m.code) ?? null));
  return {
    mentor,
    versionId: pathway.programme.versionId,
    programmeTitle: definition.title,
    levels: definition.levels.map((l) => ({ code: l.code, title: l.title, summary: l.summary })),
    modules,
    passedCount: modules.filter((m) => m.passed).length,
  };
}

/** One module in full, for the mentor (or a tutor looking on). `canWork` says whether the viewer is its mentor. */
export function presentModuleDetail(
  pathway: Pathway,
  module: TModule,
  history: { submissions: ModuleSubmissionDoc[]; marks: ModuleMarkDoc[] },
  canWork: boolean,
  workFiles: ModuleWorkFileDoc[] = [],
): TModuleDetail {
  const record = pathway.records.get(module.code);
  const done = pathway.completions.get(module.code) ?? new Set<string>();
  const latest = history.marks.length > 0 ? history.marks[history.marks.length - 1] : null;
  const summary = presentModuleSummary(pathway, module, latest && latest.attempt === record?.attempt ? latest : null);
  const reflection = record?.reflection ?? "";
  const canEdit = canWork && summary.state !== "locked" && (!record || isEditable(record));
  const blockers = canEdit ? submitBlockers(module, done, reflection) : [];
  return {
    ...summary,
    activities: module.activities.map((a) => ({
      code: a.code,
      title: a.title,
      kind: a.kind,
      description: a.description,
      submit: a.submit,
      required: a.required,
      done: done.has(a.code),
    })),
    content: presentModuleContent(module),
    opensWhen:
      summary.state === "locked"
        ? opensWhen(
            pathway.programme.definition,
            pathway.programme.definition.modules.find((m) => m.code === module.code) ?? module,
            pathway.passed,
            pathway.auditsDone,
          )
        : null,
    reflection,
    workFiles: workFiles.map(presentModuleWorkFile),
    marking: scoreRange(module),
    canEdit,
    canSubmit: canEdit && blockers.length === 0,
    submitBlockers: blockers,
    submittedAt: record?.submittedAt?.toISOString() ?? null,
    history: presentHistory(history.submissions, history.marks),
  };
}
