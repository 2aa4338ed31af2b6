import { conflict, forbidden, notFound } from "../errors";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { isEditable, moduleLocks, type MentorScope, type Pathway } from "../programme/moduleWork";
import type { TModule } from "../programme/schema";
import { loadPathway, moduleDefinition } from "../queries/pathway";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/**
 * The record a mentor may change now: the module must be open (prerequisites and audits are
 * checked here, on the server, for every write) and the work not submitted or passed.
 * Starts the module on the mentor's first write.
 */
export async function editableRecord(props: {
  scope: MentorScope;
  moduleCode: string;
}): Promise<{ pathway: Pathway; record: ModuleRecordDoc; module: TModule }> {
  const { scope, moduleCode } = props;
  const pathway = await loadPathway(scope);
  if (!pathway.programme.definition.modules.some((m) => m.code === moduleCode) && !pathway.records.has(moduleCode))
    throw notFound("That module");
  const locks = moduleLocks(pathway, moduleCode);
  if (locks.length > 0) throw forbidden(`This module is locked. ${locks.join(" ")}`);
  const record = pathway.records.get(moduleCode) ?? (await startRecord(scope, moduleCode, pathway.programme.versionId));
  pathway.records.set(moduleCode, record);
  if (!isEditable(record)) {
    throw conflict(
      record.passed
        ? "This module is already passed."
        : "This module's work is with your tutor; you can change it if they return it.",
    );
  }
  return { pathway, record, module: await moduleDefinition(pathway, moduleCode) };
}

async function startRecord(scope: MentorScope, moduleCode: string, versionId: string): Promise<ModuleRecordDoc> {
  try {
    const created = (await ModuleRecord.create({ ...scope, moduleCode, versionId })).toObject() as ModuleRecordDoc;
    await refreshMentorFigures({ course: scope, mentorUserId: scope.mentorUserId });
    return created;
  } catch (err) {
    // Two first writes at once: the unique index let one create it; use that one.
    const existing = await ModuleRecord.findOne({ ...scope, moduleCode }).lean<ModuleRecordDoc>();
    if (!existing) throw err;
    return existing;
  }
}
