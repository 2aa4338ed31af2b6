import type { TDraftSave } from "../contracts/drafts";
import { Draft } from "../models/draft";
import { sanitizeNarrative } from "./sanitizeNarrative";

/** Whose draft of which form: always the signed-in person's own, in their course. */
export interface DraftOwner {
  tenantId: string;
  contextId: string;
  userId: string;
  formKey: string;
}

/**
 * Keeps the draft as it stands now, replacing the one kept before: one upsert on the draft's
 * unique key, so a save is whole or not there, and racing saves leave one draft.
 */
export async function saveDraft(p: { owner: DraftOwner; draft: TDraftSave; now?: Date }): Promise<Date> {
  const savedAt = p.now ?? new Date();
  // Rich text comes back into an editor as HTML: keep only the formatting the real save keeps.
  const fields = p.draft.fields.map((f) => ({
    ...f,
    value: f.name.endsWith("Html") ? sanitizeNarrative(f.value) : f.value,
  }));
  await Draft.updateOne(
    { tenantId: p.owner.tenantId, contextId: p.owner.contextId, userId: p.owner.userId, formKey: p.owner.formKey },
    { $set: { title: p.draft.title, fields, savedAt } },
    { upsert: true },
  );
  return savedAt;
}

/** Forgets a draft (the real save succeeded, or the person discarded it); true if there was one. */
export async function discardDraft(p: { owner: DraftOwner }): Promise<boolean> {
  const result = await Draft.deleteOne({
    tenantId: p.owner.tenantId,
    contextId: p.owner.contextId,
    userId: p.owner.userId,
    formKey: p.owner.formKey,
  });
  return result.deletedCount > 0;
}

/** How long a draft nobody touches is kept. */
export const DRAFT_KEPT_DAYS = 90;

/** The draft sweep (a daily job): forgets drafts last saved over 90 days before `now`. */
export async function purgeStaleDrafts(p: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date((p.now ?? new Date()).getTime() - DRAFT_KEPT_DAYS * 86_400_000);
  const result = await Draft.deleteMany({ savedAt: { $lt: cutoff } });
  return result.deletedCount;
}
