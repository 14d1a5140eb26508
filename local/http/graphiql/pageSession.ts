import {
  UserPoolError,
  userPoolOf,
  UserPoolSession,
  type MemoClientConfig,
  type SignedInUser,
  type UserPoolSessionStore,
} from '@memo-api/client';

const STORAGE_KEY = 'memo-graphiql:session';

/** What this tab keeps in sessionStorage: the session of its app client, or that the user signed out (so a reload does not sign anyone in). */
type Stored = (SignedInUser & { readonly clientId: string }) | { readonly signedOut: true };

/**
 * The page's sign-in: the SDK's UserPoolSession, kept in this tab's sessionStorage. A session the
 * pool stops refreshing (the runtime restarted without a DATA_DIR) is signed in again when its user
 * is one of the local users, whose passwords the page knows; any other user is told to sign in again.
 */
export class PageSession {
  readonly session: UserPoolSession;
  /** A sign-in again of a local user whose refresh was refused, while it runs. */
  private signingInAgain: Promise<void> | undefined;

  constructor(
    private readonly config: MemoClientConfig,
    private readonly showError: (message: string) => void,
  ) {
    this.session = new UserPoolSession(userPoolOf(config), { store: sessionStore(userPoolOf(config).clientId) });
    this.session.subscribe(() => this.signInAgainIfEnded());
  }

  /** Whether the user of this tab signed out last (a reload then signs nobody in). */
  signedOut(): boolean {
    return (readStored() as { signedOut?: boolean } | undefined)?.signedOut === true;
  }

  /** The signed-in user's ID token, refreshed first when it is about to expire; undefined when nobody is signed in. */
  async currentToken(): Promise<string | undefined> {
    if (!this.session.current()) return this.signingInAgain ? (await this.signingInAgain, this.session.current()?.idToken) : undefined;
    try {
      return await this.session.idToken();
    } catch (error) {
      if (!this.signingInAgain) throw error;
      await this.signingInAgain;
      return this.session.current()?.idToken;
    }
  }

  /** Refreshes the tokens after the API refused them (or signs the local user in again). */
  async renew(): Promise<void> {
    try {
      await this.session.refresh();
    } catch (error) {
      if (!this.signingInAgain) throw error;
      await this.signingInAgain;
    }
  }

  private signInAgainIfEnded(): void {
    const ended = this.session.ended;
    if (!ended || this.session.current() || this.signingInAgain) return;
    const seeded = this.config.users?.find((user) => user.username === ended.username);
    if (!seeded) return this.showError(`The session of ${ended.username} ended (${ended.error.message}): sign in again.`);
    this.signingInAgain = this.session
      .signIn(seeded.username, seeded.password)
      .catch((error: unknown) => this.showError(`Could not sign ${seeded.username} in again: ${messageOf(error)}`))
      .finally(() => (this.signingInAgain = undefined));
  }
}

/** A failure as the bar shows it: a user-pool refusal with Cognito's exception name. */
export function messageOf(error: unknown): string {
  if (error instanceof UserPoolError) return `${error.type}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function sessionStore(clientId: string): UserPoolSessionStore {
  return {
    load() {
      const stored = readStored();
      if (!stored || 'signedOut' in stored || stored.clientId !== clientId) return undefined;
      const { clientId: _clientId, ...user } = stored;
      return user;
    },
    save(user) {
      const stored: Stored = user ? { clientId, ...user } : { signedOut: true };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    },
  };
}

function readStored(): Stored | undefined {
  try {
    return (JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null) ?? undefined;
  } catch {
    return undefined;
  }
}
