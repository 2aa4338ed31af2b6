import { settledRecords } from "../commands/markModuleWork";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";

/** The codes of the modules whose work a tutor has marked as passed, for one mentor in one course. */
export async function completedModuleCodes(tenantId: string, contextId: string, mentorUserId: string): Promise<Set<string>> {
  // Submitted records are read too: one may carry a pass that a crash kept from being recorded.
  const records = await ModuleRecord.find({ tenantId, contextId, mentorUserId, $or: [{ passed: true }, { status: "submitted" }] }).lean<ModuleRecordDoc[]>();
  return new Set((await settledRecords(records)).filter((r) => r.passed).map((r) => r.moduleCode));
}
