import { notFound } from "../errors";
import { ActivityCompletion } from "../models/activityCompletion";
import { AuditCompletion } from "../models/auditCompletion";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { ModuleSubmission, type ModuleSubmissionDoc } from "../models/moduleSubmission";
import type { MentorScope, Pathway } from "../programme/moduleWork";
import type { LoadedProgramme } from "../programme/programmeVersions";
import type { TModule } from "../programme/schema";
import { recordsAsMarked, recordsMarkedBy } from "./moduleProgress";
import { programmeInForce } from "./programmeInForce";
import { programmeVersionById } from "./programmeVersionById";

/** A mentor's pathway: the programme in force, their module records as marked, audits and activities done. */
export async function loadPathway(scope: MentorScope): Promise<Pathway> {
  const [programme, records, audits, completions] = await Promise.all([
    programmeInForce(scope.tenantId, scope.contextId),
    ModuleRecord.find(scope).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
    auditsDone(scope),
    activitiesDone(scope),
  ]);
  return pathwayOf(programme, records, audits, completions);
}

/**
 * The pathway as its overview shows it, and every mark of the mentor's module work (the
 * overview's decisions), the marks read once for both: they are what settles a record a crash
 * left submitted. The records come without their reflections, which only a module's own page shows.
 */
export async function loadPathwayWithMarks(scope: MentorScope): Promise<{ pathway: Pathway; marks: ModuleMarkDoc[] }> {
  const [programme, records, audits, completions, marks] = await Promise.all([
    programmeInForce(scope.tenantId, scope.contextId),
    ModuleRecord.find(scope, { reflection: 0 }).lean<ModuleRecordDoc[]>(),
    auditsDone(scope),
    activitiesDone(scope),
    ModuleMark.find(scope).lean<ModuleMarkDoc[]>(),
  ]);
  return { pathway: pathwayOf(programme, recordsMarkedBy(records, marks), audits, completions), marks };
}

function auditsDone(scope: MentorScope) {
  return AuditCompletion.find(scope, { stage: 1 }).lean();
}

function activitiesDone(scope: MentorScope) {
  return ActivityCompletion.find(scope, { moduleCode: 1, activityCode: 1 }).lean();
}

function pathwayOf(
  programme: LoadedProgramme,
  records: ModuleRecordDoc[],
  audits: Array<{ stage: string }>,
  completions: Array<{ moduleCode: string; activityCode: string }>,
): Pathway {
  const byModule = new Map<string, Set<string>>();
  for (const c of completions)
    byModule.set(c.moduleCode, (byModule.get(c.moduleCode) ?? new Set()).add(c.activityCode));
  return {
    programme,
    records: new Map(records.map((r) => [r.moduleCode, r])),
    passed: new Set(records.filter((r) => r.passed).map((r) => r.moduleCode)),
    auditsDone: new Set(audits.map((a) => a.stage)),
    completions: byModule,
  };
}

/** The module as defined in the version the mentor started it under (or the current one if not started). */
export async function moduleDefinition(pathway: Pathway, moduleCode: string): Promise<TModule> {
  const record = pathway.records.get(moduleCode);
  const programme =
    record && record.versionId !== pathway.programme.versionId
      ? await programmeVersionById(record.versionId)
      : pathway.programme;
  const module = programme.definition.modules.find((m) => m.code === moduleCode);
  if (!module) throw notFound("That module");
  return module;
}

/** Submissions and decisions of one record, oldest first. */
export async function recordHistory(
  recordId: string,
): Promise<{ submissions: ModuleSubmissionDoc[]; marks: ModuleMarkDoc[] }> {
  const [submissions, marks] = await Promise.all([
    ModuleSubmission.find({ recordId }).sort({ attempt: 1 }).lean<ModuleSubmissionDoc[]>(),
    ModuleMark.find({ recordId }).sort({ attempt: 1 }).lean<ModuleMarkDoc[]>(),
  ]);
  return { submissions, marks };
}
