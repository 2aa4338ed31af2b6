import { ModuleWorkFile, type ModuleWorkFileDoc } from "../models/moduleWorkFile";
import type { MentorScope } from "../programme/moduleWork";
import { loadPathway, moduleDefinition, recordHistory } from "./pathway";

/**
 * One module as a mentor's work on it stands: the pathway it sits in, its definition, the
 * submissions and marks so far and the files on the working copy, oldest first.
 */
export async function moduleWork(scope: MentorScope, moduleCode: string) {
  const pathway = await loadPathway(scope);
  const module = await moduleDefinition(pathway, moduleCode);
  const record = pathway.records.get(moduleCode);
  const history = record ? await recordHistory(record._id.toString()) : { submissions: [], marks: [] };
  const workFiles = record
    ? await ModuleWorkFile.find({ recordId: record._id, removedAt: null })
        .sort({ createdAt: 1 })
        .lean<ModuleWorkFileDoc[]>()
    : [];
  return { pathway, module, history, workFiles };
}

/** A file on the mentor's module work, or null; scoped to the mentor, so another mentor's file is not found. */
export function moduleWorkFile(
  scope: MentorScope,
  moduleCode: string,
  fileId: string,
): Promise<ModuleWorkFileDoc | null> {
  return ModuleWorkFile.findOne({ ...scope, moduleCode, _id: fileId }).lean<ModuleWorkFileDoc>();
}
