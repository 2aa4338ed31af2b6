import { conflict, forbidden, notFound } from "../errors";
import { ActivityCompletion } from "../models/activityCompletion";
import { AuditCompletion } from "../models/auditCompletion";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { ModuleSubmission, type ModuleSubmissionDoc } from "../models/moduleSubmission";
import { lockedReasons } from "./moduleLocks";
import { recordsAsMarked } from "../queries/moduleProgress";
import { programmeForCourse } from "../queries/programmeForCourse";
import { programmeVersionById, type LoadedProgramme } from "./programmeVersions";
import type { TModule } from "./schema";
import { refreshMentorFigures } from "../commands/adjustDashboardCounters";

/** Whose work, where. */
export interface MentorScope {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}

/** Everything needed to show or change a mentor's pathway. */
export interface Pathway {
  programme: LoadedProgramme;
  records: Map<string, ModuleRecordDoc>;
  passed: Set<string>;
  auditsDone: Set<string>;
  completions: Map<string, Set<string>>;
}

export async function loadPathway(scope: MentorScope): Promise<Pathway> {
  const programme = await programmeForCourse(scope.tenantId, scope.contextId);
  const [records, audits, completions] = await Promise.all([
    ModuleRecord.find(scope).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
    AuditCompletion.find(scope, { stage: 1 }).lean(),
    ActivityCompletion.find(scope, { moduleCode: 1, activityCode: 1 }).lean(),
  ]);
  const byModule = new Map<string, Set<string>>();
  for (const c of completions) byModule.set(c.moduleCode, (byModule.get(c.moduleCode) ?? new Set()).add(c.activityCode));
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
  const programme = record && record.versionId !== pathway.programme.versionId ? await programmeVersionById(record.versionId) : pathway.programme;
  const module = programme.definition.modules.find((m) => m.code === moduleCode);
  if (!module) throw notFound("That module");
  return module;
}

/** Lock reasons for a module under the programme in force. */
export function moduleLocks(pathway: Pathway, moduleCode: string): string[] {
  const module = pathway.programme.definition.modules.find((m) => m.code === moduleCode);
  if (!module) return [];
  return lockedReasons(pathway.programme.definition, module, pathway.passed, pathway.auditsDone);
}

/** True while the mentor may still change the work: not submitted and not yet passed. */
export function isEditable(record: Pick<ModuleRecordDoc, "status" | "passed">): boolean {
  return !record.passed && record.status !== "submitted";
}

/** Why submission is not possible yet; empty when it is. */
export function submitBlockers(module: TModule, done: ReadonlySet<string>, reflection: string): string[] {
  const blockers = module.activities.filter((a) => a.required && !done.has(a.code)).map((a) => `Complete the activity “${a.title}”.`);
  if (reflection.trim().length === 0) blockers.push("Write your module reflection.");
  return blockers;
}

/**
 * The record a mentor may change now: the module must be open (prerequisites and audits are
 * checked here, on the server, for every write) and the work not submitted or passed.
 * Starts the module on the mentor's first write.
 */
export async function editableRecord(scope: MentorScope, moduleCode: string): Promise<{ pathway: Pathway; record: ModuleRecordDoc; module: TModule }> {
  const pathway = await loadPathway(scope);
  if (!pathway.programme.definition.modules.some((m) => m.code === moduleCode) && !pathway.records.has(moduleCode)) throw notFound("That module");
  const locks = moduleLocks(pathway, moduleCode);
  if (locks.length > 0) throw forbidden(`This module is locked. ${locks.join(" ")}`);
  const record = pathway.records.get(moduleCode) ?? (await startRecord(scope, moduleCode, pathway.programme.versionId));
  pathway.records.set(moduleCode, record);
  if (!isEditable(record)) {
    throw conflict(record.passed ? "This module is already passed." : "This module's work is with your tutor; you can change it if they return it.");
  }
  return { pathway, record, module: await moduleDefinition(pathway, moduleCode) };
}

async function startRecord(scope: MentorScope, moduleCode: string, versionId: string): Promise<ModuleRecordDoc> {
  try {
    const created = (await ModuleRecord.create({ ...scope, moduleCode, versionId })).toObject() as ModuleRecordDoc;
    await refreshMentorFigures(scope, scope.mentorUserId);
    return created;
  } catch (err) {
    // Two first writes at once: the unique index let one create it; use that one.
    const existing = await ModuleRecord.findOne({ ...scope, moduleCode }).lean<ModuleRecordDoc>();
    if (!existing) throw err;
    return existing;
  }
}

/** Submissions and decisions of one record, oldest first. */
export async function recordHistory(recordId: string): Promise<{ submissions: ModuleSubmissionDoc[]; marks: ModuleMarkDoc[] }> {
  const [submissions, marks] = await Promise.all([
    ModuleSubmission.find({ recordId }).sort({ attempt: 1 }).lean<ModuleSubmissionDoc[]>(),
    ModuleMark.find({ recordId }).sort({ attempt: 1 }).lean<ModuleMarkDoc[]>(),
  ]);
  return { submissions, marks };
}
