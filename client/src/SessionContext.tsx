import { createContext, useContext, type ReactNode } from "react";
import type { TRole, TSessionResponse } from "@contracts/session";

const SessionContext = createContext<TSessionResponse | null>(null);

/** Makes the loaded session available to every scene below it. */
export function SessionProvider({ session, children }: { session: TSessionResponse; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in person, course and abilities. Only valid inside the app shell, after the session has loaded. */
export function useSession(): TSessionResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() used outside <SessionProvider>");
  return session;
}

/**
 * Whether the server says the person may do `ability` (e.g. "portfolio.submit").
 * Unknown abilities are false, so the UI hides what it has not been told about.
 */
export function useCan(ability: string): boolean {
  return useSession().abilities[ability] === true;
}

/** Whether the person holds `role` in this course (any of their roles, not just the primary one). */
export function useHasRole(role: TRole): boolean {
  return useSession().roles.includes(role);
}
