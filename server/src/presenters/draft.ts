import type { TDraft } from "../contracts/drafts";
import type { DraftDoc } from "../models/draft";

/** A draft as its author sees it. */
export function presentDraft(d: DraftDoc): TDraft {
  return {
    formKey: d.formKey,
    title: d.title ?? "",
    fields: (d.fields ?? []).map((f) => ({ name: f.name ?? "", label: f.label ?? "", value: f.value ?? "" })),
    savedAt: d.savedAt.toISOString(),
  };
}
