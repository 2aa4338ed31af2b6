import type { ModuleRecordDoc } from "../models/moduleRecord";
import type { LoadedProgramme } from "./programmeVersions";
import { lockedReasons } from "./moduleLocks";
import type { TModule } from "./schema";

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
  const blockers = module.activities
    .filter((a) => a.required && !done.has(a.code))
    .map((a) => `Complete the activity “${a.title}”.`);
  if (reflection.trim().length === 0) blockers.push("Write your module reflection.");
  return blockers;
}
