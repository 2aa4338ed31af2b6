/**
 * The launch token: how every API call proves who is asking.
 *
 * The app runs in an LMS iframe where third-party cookies are often blocked,
 * so the server hands the token over in the URL fragment after a launch
 * (`/app/#session=<token>`) and we send it as a bearer token ourselves.
 */

const STORAGE_KEY = "mp.session";

// sessionStorage can throw in sandboxed or storage-partitioned iframes; the
// in-memory copy keeps the current page working even when it does.
let memoryToken: string | null = null;
const endedListeners = new Set<() => void>();
let hasEnded = false;

function readStorage(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeStorage(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage refused: the token still lives in memory for this page.
  }
}

/**
 * Takes `#session=<token>` from the address, stores it and removes it from the
 * URL so it does not linger in history, bookmarks or screenshots. Call once,
 * before the first render; a fresh launch always replaces an older token.
 */
export function captureSessionToken(): void {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const token = params.get("session");
  if (token) {
    memoryToken = token;
    writeStorage(token);
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
}

/** The token for the current launch, or null if the app was opened without one. */
export function getSessionToken(): string | null {
  if (memoryToken === null) memoryToken = readStorage();
  return memoryToken;
}

/** Forgets the token and tells the app shell to show the "session ended" screen. */
export function endSession(): void {
  memoryToken = null;
  writeStorage(null);
  if (hasEnded) return;
  hasEnded = true;
  for (const listener of endedListeners) listener();
}

/** Subscribes to the end of the session; returns the unsubscribe function (useSyncExternalStore-shaped). */
export function onSessionEnded(listener: () => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/** Whether the server has rejected the token during this page's life. */
export function hasSessionEnded(): boolean {
  return hasEnded;
}
