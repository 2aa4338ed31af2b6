import { useSyncExternalStore } from "react";

/**
 * A tiny hash router. Hash routes (`#/portfolio`) need no server rewrites and
 * survive the LMS iframe reloading the page.
 */

export interface HashLocation {
  /** Always starts with "/": "" and "#" both mean "/". */
  path: string;
  query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const getHash = () => window.location.hash;

/** Splits a hash like "#/modules/M3?tab=evidence" into path and query. */
export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, "");
  const [pathPart, queryPart = ""] = raw.split("?", 2);
  const path = "/" + pathPart.replace(/^\/+/, "").replace(/\/+$/, "");
  return { path, query: new URLSearchParams(queryPart) };
}

/** The current hash location; re-renders the caller when it changes. */
export function useLocation(): HashLocation {
  return parseHash(useSyncExternalStore(subscribe, getHash));
}

/** Goes to an in-app path such as "/portfolio". */
export function navigate(path: string): void {
  window.location.hash = path;
}

/** The href for an in-app path, for plain `<a>` elements. */
export function hrefFor(path: string): string {
  return `#${path}`;
}

/**
 * Matches "/modules/:moduleId" against "/modules/M3" → { moduleId: "M3" };
 * null when it does not match.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i];
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(pathParts[i]);
      } catch {
        return null; // a mangled %-escape is a path we do not know, not a crash
      }
    } else if (expected !== pathParts[i]) return null;
  }
  return params;
}
