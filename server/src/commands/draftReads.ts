import { Draft, type DraftDoc } from "../models/draft";

/** The person's own drafts in their course, newest first, optionally of one form only. Reads only. */
export async function listDrafts(p: { tenantId: string; contextId: string; userId: string; formKey?: string }): Promise<DraftDoc[]> {
  const filter = { tenantId: p.tenantId, contextId: p.contextId, userId: p.userId, ...(p.formKey ? { formKey: p.formKey } : {}) };
  return Draft.find(filter).sort({ savedAt: -1 }).limit(50).lean<DraftDoc[]>();
}
