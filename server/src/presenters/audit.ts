import type { TAuditResponse } from "../contracts/audit";
import { currentRatings, mean, stageBlockers, stageLocks, type AuditState } from "../programme/auditState";
import type { LoadedProgramme } from "../programme/programmeVersions";

/** A mentor's audit against the programme's standards, with averages per standard at each completed stage and now. */
export function presentAudit(programme: LoadedProgramme, state: AuditState): TAuditResponse {
  const { definition } = programme;
  const current = currentRatings(state);
  // The baseline is the first stage the mentor completed (normally the entry audit).
  const firstStage = definition.audit.stages.find((s) => state.completions.has(s.code));
  const frozenAt = (stage: string) =>
    new Map((state.completions.get(stage)?.ratings ?? []).map((r) => [r.descriptorCode!, r.value!]));
  const baseline = firstStage ? frozenAt(firstStage.code) : new Map<string, number>();
  const stageRatings = definition.audit.stages.map((s) => ({
    stage: s,
    ratings: state.completions.has(s.code) ? frozenAt(s.code) : null,
  }));
  return {
    versionId: programme.versionId,
    scale: definition.audit.scale,
    stages: definition.audit.stages.map((s) => ({
      code: s.code,
      title: s.title,
      after: s.after,
      completedAt: state.completions.get(s.code)?.completedAt.toISOString() ?? null,
      isOpen: !state.completions.has(s.code) && stageLocks(definition, state, s.code).length === 0,
      blockers: stageBlockers(definition, state, s.code),
    })),
    standards: definition.standards.map((s) => ({
      code: s.code,
      title: s.title,
      summary: s.summary,
      descriptors: s.descriptors.map((d) => ({
        code: d.code,
        text: d.text,
        current: current.get(d.code) ?? null,
        history: (state.ratingsByDescriptor.get(d.code) ?? []).map((r) => ({
          value: r.value,
          reason: r.reason ?? null,
          ratedAt: r.ratedAt.toISOString(),
        })),
      })),
      entryAverage: mean(s.descriptors.flatMap((d) => (baseline.has(d.code) ? [baseline.get(d.code)!] : []))),
      currentAverage: mean(s.descriptors.flatMap((d) => (current.has(d.code) ? [current.get(d.code)!] : []))),
      stageAverages: stageRatings.map(({ stage, ratings }) => ({
        stage: stage.code,
        title: stage.title,
        average: ratings
          ? mean(s.descriptors.flatMap((d) => (ratings.has(d.code) ? [ratings.get(d.code)!] : [])))
          : null,
      })),
    })),
  };
}
