import { UserPoolSession, type SignedInUser, type UserPool, type UserPoolSessionStore } from '@memo-api/client';

export type Session = SignedInUser;

/**
 * The signed-in user of this tab: the SDK's UserPoolSession, kept in sessionStorage, so a reload
 * keeps the session and closing the tab ends it.
 */
export class SessionKeeper extends UserPoolSession {
  constructor(pool: UserPool) {
    super(pool, { store: sessionStorageStore(`memo-app.session.${pool.clientId}`) });
  }

  /** Why the last session ended by itself (it could not be refreshed), for the sign-in page. */
  get endedBecause(): string | undefined {
    return this.ended ? 'Your session has ended. Sign in again.' : undefined;
  }
}

function sessionStorageStore(key: string): UserPoolSessionStore {
  return {
    load() {
      try {
        const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Session | null;
        return stored && typeof stored.refreshToken === 'string' ? stored : undefined;
      } catch {
        return undefined;
      }
    },
    save(session) {
      if (session) sessionStorage.setItem(key, JSON.stringify(session));
      else sessionStorage.removeItem(key);
    },
  };
}
