import { LoginState } from "../models/loginState";

/** What a launch is checked against: the login this tool started. */
export interface StartedLogin {
  nonce: string;
  issuer: string;
}

// As long as the stored copy lives (LoginState's TTL).
const LIFETIME_MS = 600_000;
// Bounds memory if someone floods the login endpoint; the stored copies still serve launches.
const MAX_REMEMBERED = 20_000;
// A launch can reach another process before that process's login has been saved.
const SAVE_GRACE_MS = 150;

/**
 * The logins one tool instance started. Each is saved to the database (so any process can check
 * the launch) and also kept here, so a launch that comes back to the process that started its
 * login — the usual case — is checked without a database read, and the login's redirect does
 * not wait for the write. Single use is not decided here: that is the UsedLoginState claim.
 */
export function createLoginStates() {
  const recent = new Map<string, StartedLogin & { expiresAt: number }>();

  function prune(now: number) {
    for (const [state, login] of recent) {
      if (login.expiresAt > now && recent.size <= MAX_REMEMBERED) break;
      recent.delete(state);
    }
  }

  return {
    /** Records a login; the returned promise settles when the stored copy is saved. */
    remember(state: string, login: StartedLogin & { clientId: string | null }): Promise<unknown> {
      const now = Date.now();
      prune(now);
      recent.set(state, { nonce: login.nonce, issuer: login.issuer, expiresAt: now + LIFETIME_MS });
      // Straight to the collection: every login pays this insert, and a mongoose document's
      // construction, validation and save hooks cost more CPU than the write itself. The fields
      // are the schema's, filled here.
      return LoginState.collection.insertOne({
        _id: state as never,
        nonce: login.nonce,
        issuer: login.issuer,
        clientId: login.clientId,
        createdAt: new Date(now),
      });
    },

    async find(state: string): Promise<StartedLogin | null> {
      const mine = recent.get(state);
      if (mine && mine.expiresAt > Date.now()) return mine;
      const stored = await LoginState.findById(state).lean();
      if (stored) return stored;
      await new Promise((r) => setTimeout(r, SAVE_GRACE_MS));
      return LoginState.findById(state).lean();
    },

    /**
     * Drops this process's copy once a launch has used the state. The stored copy is left to
     * expire with the others (the expiry sweep): the UsedLoginState claim already makes the state
     * single use, and deleting it was one more write on every launch.
     */
    forget(state: string): void {
      recent.delete(state);
    },
  };
}

export type LoginStates = ReturnType<typeof createLoginStates>;
