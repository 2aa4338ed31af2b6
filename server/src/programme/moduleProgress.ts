import { ModuleRecord } from "../models/moduleRecord";

/** The codes of the modules whose work a tutor has marked as passed, for one mentor in one course. */
export async function completedModuleCodes(tenantId: string, contextId: string, mentorUserId: string): Promise<Set<string>> {
  const passed = await ModuleRecord.find({ tenantId, contextId, mentorUserId, passed: true }, { moduleCode: 1 }).lean();
  return new Set(passed.map((r) => r.moduleCode));
}
