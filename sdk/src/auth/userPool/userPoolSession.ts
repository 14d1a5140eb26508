import { userPoolAuth, type AuthProvider } from '../providers.js';
import type { UserPool } from './userPool.js';
import { UserPoolError } from './userPoolError.js';
import { refreshUserPoolTokens, signInWithPassword, signOut, signUpWithPassword, type UserPoolTokens } from './userPoolSignIn.js';

/** A signed-in user: who, and their tokens. */
export interface SignedInUser extends UserPoolTokens {
  readonly username: string;
}

/** Where a session outlives the page or process (a browser's sessionStorage, a file): absent, it lives in memory only. */
export interface UserPoolSessionStore {
  load(): SignedInUser | undefined;
  save(user: SignedInUser | undefined): void;
}

export interface UserPoolSessionOptions {
  readonly store?: UserPoolSessionStore;
  /** Tokens are refreshed this long before they expire, so no request goes out with a dying token (default 60 s). */
  readonly refreshMarginMs?: number;
  /** After a refresh that failed without being refused (offline), keepFresh tries again this much later (default 30 s). */
  readonly retryMs?: number;
}

/**
 * One user's sign-in to a user pool, kept fresh: tokens are refreshed (REFRESH_TOKEN_AUTH) when one
 * is asked for within `refreshMarginMs` of expiry, and ahead of time while `keepFresh()` runs. A
 * refresh the pool refuses (the refresh token is revoked or expired) ends the session, and `ended`
 * says who and why; a network failure does not (the next request retries). `auth` plugs it into
 * createMemoClient. Works in browsers and Node alike.
 *
 * @example
 * const session = new UserPoolSession(userPoolOf(config));
 * await session.signIn('alice', password);
 * const client = createMemoClient(config, { auth: session.auth });
 * // …
 * await session.signOut();
 */
export class UserPoolSession {
  private user: SignedInUser | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private onScheduledError: ((error: unknown) => void) | undefined;
  private readonly refreshMarginMs: number;
  private readonly retryMs: number;
  private endedBy: UserPoolSession['ended'];
  /** The ID token of the current user for every request and real-time connect (createMemoClient's `auth`). */
  readonly auth: AuthProvider;

  constructor(
    readonly pool: UserPool,
    private readonly options: UserPoolSessionOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.retryMs = options.retryMs ?? 30_000;
    this.user = options.store?.load();
    this.auth = userPoolAuth(this.idToken);
  }

  /** `listener` hears every sign-in, refresh and sign-out (React's useSyncExternalStore contract). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The signed-in user, or undefined. */
  readonly current = (): SignedInUser | undefined => this.user;

  /** The session that ended by itself (its refresh was refused), and the pool's answer; cleared by the next sign-in. */
  get ended(): { readonly username: string; readonly error: UserPoolError } | undefined {
    return this.endedBy;
  }

  /** @throws {UserPoolError} as signInWithPassword */
  async signIn(username: string, password: string): Promise<void> {
    this.update({ username, ...(await signInWithPassword(this.pool, username, password)) });
  }

  /**
   * Registers the user and signs them in; false when the pool wants the user confirmed first.
   *
   * @throws {UserPoolError} as signUpWithPassword
   */
  async signUp(username: string, password: string): Promise<boolean> {
    const { confirmed } = await signUpWithPassword(this.pool, username, password);
    if (confirmed) await this.signIn(username, password);
    return confirmed;
  }

  /** Forgets the session here, then revokes its refresh token (best effort: the user is signed out either way). */
  async signOut(): Promise<void> {
    const ending = this.user;
    this.update(undefined);
    if (ending) await signOut(this.pool, ending.refreshToken).catch(() => undefined);
  }

  /** The ID token, refreshed first when it is about to expire (or being refreshed). @throws {Error} when nobody is signed in */
  readonly idToken = async (): Promise<string> => {
    const user = this.user;
    if (!user) throw new Error('Not signed in');
    if (!this.refreshing && Date.now() < user.expiresAt - this.refreshMarginMs) return user.idToken;
    return this.refresh();
  };

  /** Refreshes the tokens now (one refresh at a time) and returns the new ID token. @throws {UserPoolError} */
  refresh(): Promise<string> {
    return (this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined)));
  }

  /** Refreshes ahead of expiry from now on; returns the function that stops it. `onError` hears each failed refresh that will be retried (offline). */
  keepFresh(onError?: (error: unknown) => void): () => void {
    this.running = true;
    this.onScheduledError = onError;
    this.schedule();
    return () => {
      this.running = false;
      clearTimeout(this.timer);
    };
  }

  private async refreshOnce(): Promise<string> {
    const user = this.user;
    if (!user) throw new Error('Not signed in');
    try {
      const tokens = await refreshUserPoolTokens(this.pool, user.refreshToken);
      if (this.user === user) this.update({ username: user.username, ...tokens });
      return tokens.idToken;
    } catch (error) {
      // A refused refresh token ends the session; a network failure does not.
      const refused = error instanceof UserPoolError && error.type === 'NotAuthorizedException';
      if (refused && this.user === user) this.update(undefined, { username: user.username, error });
      throw error;
    }
  }

  private update(user: SignedInUser | undefined, ended?: UserPoolSession['ended']): void {
    this.user = user;
    this.endedBy = ended;
    this.options.store?.save(user);
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  private schedule(delay?: number): void {
    clearTimeout(this.timer);
    if (!this.user || !this.running) return;
    const due = delay ?? Math.max(0, this.user.expiresAt - this.refreshMarginMs - Date.now());
    const user = this.user;
    this.timer = setTimeout(() => {
      this.refresh().catch((error: unknown) => {
        // A refusal ended the session (`ended` says so, listeners heard it), or another sign-in replaced it: nothing to retry.
        if (this.user !== user) return;
        this.onScheduledError?.(error);
        this.schedule(this.retryMs);
      });
    }, due);
  }
}
