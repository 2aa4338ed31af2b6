import { createContext, useContext, type ReactNode } from "react";
import {
  sessionAbilities,
  type TAbilityPair,
  type TRole,
  type TSessionAbility,
  type TSessionResponse,
} from "@contracts/session";

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

/** The subjects the session tells the client about, and for each the actions it may ask. */
type AbilitySubject = TAbilityPair[1];
type ActionOn<S extends AbilitySubject> = Extract<TAbilityPair, readonly [string, S]>[0];

const abilityNames = Object.keys(sessionAbilities) as TSessionAbility[];

/**
 * Whether the server's policies let the person do `action` on `subject` in this course, e.g.
 * `useCan("manage", "PanelRound")`: the same rules the server enforces (server/src/policies),
 * answered once in the session. Only the pairs the session sends type-check.
 */
export function useCan<S extends AbilitySubject>(action: ActionOn<S>, subject: S): boolean {
  const { abilities } = useSession();
  const name = abilityNames.find((n) => sessionAbilities[n][0] === action && sessionAbilities[n][1] === subject);
  return name !== undefined && abilities[name] === true;
}

/** Whether the person holds `role` in this course (any of their roles, not just the primary one). */
export function useHasRole(role: TRole): boolean {
  return useSession().roles.includes(role);
}
