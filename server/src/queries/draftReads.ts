import { Draft, type DraftDoc } from "../models/draft";

/** The person's own drafts in their course, newest first: of the forms named, or the newest 50. Reads only. */
export async function listDrafts(p: {
  tenantId: string;
  contextId: string;
  userId: string;
  formKeys?: string[];
}): Promise<DraftDoc[]> {
  const filter = {
    tenantId: p.tenantId,
    contextId: p.contextId,
    userId: p.userId,
    ...(p.formKeys ? { formKey: { $in: p.formKeys } } : {}),
  };
  // One draft per form (a unique index), so naming forms bounds the answer by their number.
  return Draft.find(filter)
    .sort({ savedAt: -1 })
    .limit(p.formKeys?.length ?? 50)
    .lean<DraftDoc[]>();
}
