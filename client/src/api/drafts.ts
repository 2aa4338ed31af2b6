import { draftsEndpoints, MAX_DRAFT_FORMS_PER_READ, type TDraft, type TDraftSave } from "@contracts/drafts";
import { call } from "./call";

/**
 * Drafts of long forms (#17 item 2): kept on the server as the person types, and on this device
 * whenever the server has not got the latest (offline, or the session ended). Also remembers,
 * for this page's life, which drafts exist, so that "Your session has ended" can say exactly
 * what is kept.
 */

/** One box of a form as the person left it; a name ending in "Json" or "Date" holds choices, not writing. */
export type DraftField = TDraft["fields"][number];

/** A draft wherever it was kept, with when. */
export interface DraftCopy {
  formKey: string;
  title: string;
  fields: DraftField[];
  savedAt: string;
  where: "server" | "device";
}

/** Whose drafts a device copy belongs to: the platform, course and person of the session. */
export interface DraftOwnerKey {
  platform: string;
  courseId: string;
  userId: string;
}

/** The server's copy of one form's draft, or null. A read: never writes. */
export async function loadServerDraft(formKey: string, signal?: AbortSignal): Promise<DraftCopy | null> {
  const drafts = await draftsOfThisTurn(formKey);
  signal?.throwIfAborted();
  const draft = drafts.find((d) => d.formKey === formKey);
  return draft ? { ...draft, where: "server" } : null;
}

/**
 * The forms that open together (a page with a comment box per evidence item) ask in the same
 * turn of the event loop: one read answers them all instead of one request each. A caller that
 * no longer wants the answer simply ignores it (the shared read is not aborted for the others).
 */
let batch: { keys: string[]; drafts: Promise<TDraft[]> } | null = null;
function draftsOfThisTurn(formKey: string): Promise<TDraft[]> {
  if (!batch || batch.keys.length >= MAX_DRAFT_FORMS_PER_READ) {
    const keys: string[] = [];
    const drafts = new Promise<TDraft[]>((resolve, reject) => {
      setTimeout(() => {
        if (batch?.keys === keys) batch = null;
        call(draftsEndpoints.list, { query: { form: keys } }).then((list) => resolve(list.drafts), reject);
      }, 0);
    });
    batch = { keys, drafts };
  }
  if (!batch.keys.includes(formKey)) batch.keys.push(formKey);
  return batch.drafts;
}

/** Keeps the draft on the server (replacing the one before); resolves to when it was kept. */
export async function saveServerDraft(formKey: string, draft: TDraftSave): Promise<string> {
  const saved = await call(draftsEndpoints.save, { params: { formKey }, body: draft });
  return saved.savedAt;
}

/** Forgets the server's copy (after the real save, or when the person discards it). */
export async function clearServerDraft(formKey: string): Promise<void> {
  await call(draftsEndpoints.discard, { params: { formKey } });
}

// Device copies live in localStorage under the owner's own key: one person's drafts are never
// read while another is signed in on the same browser.
const storageKey = (owner: DraftOwnerKey, formKey: string) =>
  `mp.draft|${owner.platform}|${owner.courseId}|${owner.userId}|${formKey}`;

/** This device's copy of the draft, or null (also when storage is refused, e.g. in a sandboxed frame). */
export function readDeviceDraft(owner: DraftOwnerKey, formKey: string): DraftCopy | null {
  try {
    const raw = window.localStorage.getItem(storageKey(owner, formKey));
    if (!raw) return null;
    const copy = JSON.parse(raw) as DraftCopy;
    return copy && Array.isArray(copy.fields) && typeof copy.savedAt === "string" ? { ...copy, where: "device" } : null;
  } catch {
    return null;
  }
}

/** Keeps a copy on this device; false if the browser refused (full, or storage blocked). */
export function writeDeviceDraft(owner: DraftOwnerKey, copy: Omit<DraftCopy, "where">): boolean {
  try {
    window.localStorage.setItem(storageKey(owner, copy.formKey), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

/** Forgets this device's copy. */
export function clearDeviceDraft(owner: DraftOwnerKey, formKey: string): void {
  try {
    window.localStorage.removeItem(storageKey(owner, formKey));
  } catch {
    // Storage blocked: there was no copy to forget.
  }
}

/** Words a person wrote in the draft (rich text without its tags; choices not counted). */
export function wordsIn(fields: readonly DraftField[]): number {
  return fields
    .filter((f) => !/(Json|Date)$/.test(f.name))
    .map((f) => f.value.replace(/<[^>]*>/g, " ").replace(/&nbsp;|&#160;/g, " "))
    .join(" ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A draft this page knows about, as "Your session has ended" describes it. */
export interface KeptDraft {
  formKey: string;
  /** What it is a draft of, e.g. "‘Weekly meeting’" or "new evidence". */
  title: string;
  words: number;
  /** The labels of the boxes that hold something. */
  keptLabels: string[];
  /** What the form has that a draft cannot keep, said to the person (e.g. files chosen to attach). */
  notKept?: string;
  /** Where the person finds the form again, e.g. "open Evidence and choose Add evidence". */
  reopen?: string;
  where: "server" | "device";
  savedAt: string;
}

const kept = new Map<string, KeptDraft>();

/** Records (or updates) what is kept of a form's draft. */
export function rememberKeptDraft(draft: KeptDraft): void {
  kept.set(draft.formKey, draft);
}

/** The form's draft is gone (saved for real, or discarded). */
export function forgetKeptDraft(formKey: string): void {
  kept.delete(formKey);
}

/** Every draft this page kept, newest first. */
export function keptDrafts(): KeptDraft[] {
  return [...kept.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
