import { useEffect, useMemo, useRef, useState } from "react";
import { draftRules } from "@contracts/drafts";
import { ApiError } from "../api/ApiError";
import {
  clearDeviceDraft,
  clearServerDraft,
  forgetKeptDraft,
  loadServerDraft,
  readDeviceDraft,
  rememberKeptDraft,
  saveServerDraft,
  wordsIn,
  writeDeviceDraft,
  type DraftCopy,
  type DraftField,
  type DraftOwnerKey,
} from "../api/drafts";
import { hasSessionEnded } from "../api/session";
import { useSession } from "../SessionContext";

/** How long after the last keystroke the draft goes to the server. */
const SAVE_AFTER_MS = 1500;
/** How soon a save the server did not get (offline, server down) is tried again. */
const RETRY_AFTER_MS = 15_000;
/** How long a copy on this device is offered before it is forgotten. */
const DEVICE_COPY_DAYS = 30;

export interface DraftOptions {
  /** Which form, e.g. "evidence:new" (see contracts/drafts.ts). */
  formKey: string;
  /** What the draft is of, in the person's words: "‘Weekly meeting’", "new evidence". */
  title: string;
  /** The form's boxes as they stand now (a name ending in "Json" or "Date" holds choices, not writing). */
  fields: DraftField[];
  /** What the form holds that a draft cannot keep, said to the person ("Files you chose … are not kept"). */
  notKept?: string;
  /** Where the person finds this form again after a new launch, e.g. "open Evidence and choose Add evidence". */
  reopen?: string;
  /**
   * The values the real save holds now, by box name, for a form that stays open after saving
   * (nothing to keep while the boxes hold them). Without it, the form's first values.
   */
  savedValues?: Record<string, string>;
  /** False where the form is only read (e.g. staff viewing a mentor's work): no draft is loaded or kept. */
  enabled?: boolean;
  /** Puts a restored draft's boxes back into the form, by name. */
  onRestore: (values: Record<string, string>) => void;
}

export interface Draft {
  /** What happened to the draft last, for a polite status line; "" before the first change. */
  status: string;
  /** A draft kept from before (the newer of the server's and this device's), until restored or discarded. */
  offer: DraftCopy | null;
  restore: () => void;
  discard: () => Promise<void>;
  /** Forgets the draft once the real save has succeeded. */
  clear: () => Promise<void>;
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
const sameBoxes = (a: readonly DraftField[], b: readonly DraftField[]) =>
  JSON.stringify(a.map((f) => [f.name, f.value])) === JSON.stringify(b.map((f) => [f.name, f.value]));

/**
 * Keeps what the person types in a form as a draft (#17 item 2): a copy on this device at once
 * (so a session that ends between keystrokes loses nothing), and on the server 1.5 s after typing
 * stops; the device copy is dropped once the server holds the same text. When the form opens it
 * offers the newer of the server's and the device's copy, to restore or discard.
 */
export function useDraft(options: DraftOptions): Draft {
  const session = useSession();
  const owner = useMemo<DraftOwnerKey>(
    () => ({ platform: session.platform.name, courseId: session.context.id, userId: session.user.id }),
    [session],
  );
  const { formKey } = options;
  const isEnabled = options.enabled ?? true;
  const [status, setStatus] = useState("");
  const [offer, setOffer] = useState<DraftCopy | null>(null);

  const latest = useRef(options);
  latest.current = options;
  const snapshot = JSON.stringify(options.fields.map((f) => [f.name, f.value]));
  // The form's saved (or starting) values are not a draft: nothing is kept until the person changes something.
  const initial = useRef(snapshot);
  const saved = options.savedValues;
  const baseline = saved ? JSON.stringify(options.fields.map((f) => [f.name, saved[f.name] ?? ""])) : initial.current;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const isCleared = useRef(false);
  const isMounted = useRef(true);

  // The offer: whichever copy is newer. A failed read (offline) still offers the device's copy.
  useEffect(() => {
    if (!isEnabled) return;
    const controller = new AbortController();
    let device = readDeviceDraft(owner, formKey);
    // A copy left on a shared computer does not stay there for ever.
    if (device && Date.now() - Date.parse(device.savedAt) > DEVICE_COPY_DAYS * 86_400_000) {
      clearDeviceDraft(owner, formKey);
      device = null;
    }
    loadServerDraft(formKey, controller.signal)
      .catch(() => null)
      .then((server) => {
        if (controller.signal.aborted) return;
        const newer = [server, device]
          .filter((c): c is DraftCopy => c !== null)
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
        if (newer && !sameBoxes(newer.fields, latest.current.fields)) {
          setOffer(newer);
          // Still kept if the session ends before the person chooses: the message must say so.
          describe(newer.fields, newer.where, newer.savedAt, newer.title);
        }
      });
    return () => controller.abort();
  }, [owner, formKey, isEnabled]);

  const describe = (fields: DraftField[], where: "server" | "device", savedAt: string, title = latest.current.title) =>
    rememberKeptDraft({
      formKey,
      title,
      words: wordsIn(fields),
      keptLabels: fields.filter((f) => f.value.trim() !== "" && f.value !== "[]").map((f) => f.label),
      notKept: latest.current.notKept,
      reopen: latest.current.reopen,
      where,
      savedAt,
    });

  const sendToServer = () => {
    timer.current = null;
    if (isCleared.current || hasSessionEnded()) return;
    const { title, fields } = latest.current;
    const total = fields.reduce((sum, f) => sum + f.value.length, 0);
    if (total > draftRules.maxTotalChars || fields.some((f) => f.value.length > draftRules.maxFieldChars)) {
      setStatus("Saved on this device — too long to keep on the server. Please shorten it.");
      return;
    }
    const sent = JSON.stringify(fields.map((f) => [f.name, f.value]));
    const request = saveServerDraft(formKey, { title, fields }).then(
      (savedAt) => {
        if (isCleared.current) return;
        // Only when the device copy is the text the server now holds: later typing keeps its copy.
        const device = readDeviceDraft(owner, formKey);
        if (device && JSON.stringify(device.fields.map((f) => [f.name, f.value])) === sent)
          clearDeviceDraft(owner, formKey);
        describe(fields, "server", savedAt);
        if (isMounted.current) setStatus(`Draft saved at ${timeOf(savedAt)}.`);
      },
      (error: unknown) => {
        if (isCleared.current || hasSessionEnded()) return;
        if (!isMounted.current) return;
        if (
          error instanceof ApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408 &&
          error.status !== 429
        ) {
          setStatus(`Saved on this device — not yet on the server: ${error.message}`);
          return;
        }
        setStatus("Saved on this device — not yet on the server. We will try again in a moment.");
        timer.current ??= setTimeout(sendToServer, RETRY_AFTER_MS);
      },
    );
    inFlight.current = request;
  };

  // Each change: the device copy at once, the server's after a pause in typing.
  useEffect(() => {
    if (!isEnabled || snapshot === baseline || snapshot === initial.current || isCleared.current) return;
    const { title, fields } = latest.current;
    const savedAt = new Date().toISOString();
    if (writeDeviceDraft(owner, { formKey, title, fields, savedAt })) describe(fields, "device", savedAt);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(sendToServer, SAVE_AFTER_MS);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on what the person typed, nothing else
  }, [snapshot]);

  // Leaving the form (Cancel, another page) sends what is waiting rather than dropping it.
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      if (timer.current) {
        clearTimeout(timer.current);
        sendToServer();
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per form
  }, []);

  const forget = async () => {
    isCleared.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    clearDeviceDraft(owner, formKey);
    forgetKeptDraft(formKey);
    // A save still on its way must not land after the clear and bring the draft back.
    await inFlight.current.catch(() => undefined);
    await clearServerDraft(formKey).catch(() => undefined);
    // A form that stays open keeps drafting what is typed next.
    isCleared.current = false;
  };

  return {
    status,
    offer,
    restore: () => {
      if (!offer) return;
      latest.current.onRestore(Object.fromEntries(offer.fields.map((f) => [f.name, f.value])));
      setOffer(null);
      setStatus(`Draft restored, as kept at ${timeOf(offer.savedAt)}.`);
    },
    discard: async () => {
      setOffer(null);
      await forget();
      // The person may go on writing: from now on that is a new draft.
      initial.current = JSON.stringify(latest.current.fields.map((f) => [f.name, f.value]));
      setStatus("Draft discarded.");
    },
    clear: forget,
  };
}
