import { CognitoError, refreshTokens, revokeToken, signInWithPassword, signUp, type Tokens, type UserPool } from './cognito.js';

export interface Session extends Tokens {
  readonly username: string;
}

/** Tokens are refreshed this long before they expire, so no request goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The signed-in user of this tab. Kept in sessionStorage, so a reload keeps the session and
 * closing the tab ends it; refreshed (REFRESH_TOKEN_AUTH) ExpiresIn − 60 s after sign-in, and
 * on demand when a token is asked for later than that (a laptop that slept).
 */
export class SessionKeeper {
  private session: Session | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private readonly storageKey: string;
  /** Why the last session ended by itself (it could not be refreshed), for the sign-in page. */
  endedBecause: string | undefined;

  constructor(private readonly pool: UserPool) {
    this.storageKey = `memo-app.session.${pool.clientId}`;
    this.session = this.load();
  }

  /** React's useSyncExternalStore contract: `listener` hears every sign-in, refresh and sign-out. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): Session | undefined => this.session;

  async signIn(username: string, password: string): Promise<void> {
    this.update({ username, ...(await signInWithPassword(this.pool, username, password)) });
  }

  /** Registers the user and signs them in; false when the pool wants the user confirmed first (Amazon Cognito emails a code). */
  async signUp(username: string, password: string): Promise<boolean> {
    const { confirmed } = await signUp(this.pool, username, password);
    if (confirmed) await this.signIn(username, password);
    return confirmed;
  }

  /** Forgets the session here, then revokes its refresh token (best effort: the user is signed out either way). */
  async signOut(): Promise<void> {
    const ending = this.session;
    this.update(undefined);
    if (ending) await revokeToken(this.pool, ending.refreshToken).catch(() => undefined);
  }

  /** The ID token for the API, refreshed first when it is about to expire; the SDK asks for every request. */
  readonly idToken = async (): Promise<string> => {
    const session = this.session;
    if (!session) throw new Error('Not signed in');
    if (Date.now() < session.expiresAt - REFRESH_MARGIN_MS) return session.idToken;
    return (this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined)));
  };

  /** Starts refreshing ahead of expiry; returns the function that stops it (a React effect's cleanup). */
  keepFresh(): () => void {
    this.running = true;
    this.schedule();
    return () => {
      this.running = false;
      clearTimeout(this.timer);
    };
  }

  private async refresh(): Promise<string> {
    const session = this.session;
    if (!session) throw new Error('Not signed in');
    try {
      const tokens = await refreshTokens(this.pool, session.refreshToken);
      if (this.session === session) this.update({ username: session.username, ...tokens });
      return tokens.idToken;
    } catch (error) {
      // A refused refresh token (revoked, expired) ends the session; a network failure does not: the next request retries.
      const refused = error instanceof CognitoError && error.type === 'NotAuthorizedException';
      if (refused && this.session === session) this.update(undefined, 'Your session has ended. Sign in again.');
      throw error;
    }
  }

  private update(session: Session | undefined, endedBecause?: string): void {
    this.session = session;
    this.endedBecause = endedBecause;
    if (session) sessionStorage.setItem(this.storageKey, JSON.stringify(session));
    else sessionStorage.removeItem(this.storageKey);
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.session || !this.running) return;
    const delay = Math.max(0, this.session.expiresAt - REFRESH_MARGIN_MS - Date.now());
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), delay);
  }

  private load(): Session | undefined {
    try {
      const stored = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as Session | null;
      return stored && typeof stored.refreshToken === 'string' ? stored : undefined;
    } catch {
      return undefined;
    }
  }
}
