import { createHash, randomBytes } from 'node:crypto';
import { AuthFileError, type AuthFiles } from './authFiles.js';

/** Cognito's default refresh-token validity. */
export const REFRESH_TOKEN_VALIDITY_SECONDS = 30 * 24 * 3600;

/** One sign-in: what a refresh token stands for. */
export interface SignInSession {
  readonly username: string;
  /** `origin_jti` of every access and ID token minted in this session. */
  readonly originJti: string;
  /** Seconds since the epoch of the password check (`auth_time`). */
  readonly authTime: number;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

interface StoredSession extends SignInSession {
  readonly tokenHash: string;
}

interface RefreshTokensFile {
  readonly sessions: StoredSession[];
}

/**
 * Refresh tokens: opaque random strings handed to the client, kept only as hashes with their
 * session. A plain SHA-256 suffices (unlike passwords): 256 random bits cannot be guessed.
 */
export class RefreshTokenStore {
  private constructor(
    private readonly files: AuthFiles,
    private readonly sessions: Map<string, StoredSession>,
  ) {}

  /** Loads the sessions kept in `files`. */
  static async open(files: AuthFiles): Promise<RefreshTokenStore> {
    const stored = await files.read<RefreshTokensFile>('refresh-tokens.json');
    if (stored !== undefined && !Array.isArray(stored.sessions))
      throw new AuthFileError('refresh-tokens.json has no sessions list; delete the local-auth folder to start afresh');
    return new RefreshTokenStore(files, new Map((stored?.sessions ?? []).map((session) => [session.tokenHash, session])));
  }

  /** Starts a session and returns its refresh token (the only time the token exists in clear). */
  async issue(session: SignInSession): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(hashOf(token), { ...session, tokenHash: hashOf(token) });
    await this.persist();
    return token;
  }

  /** The session of a refresh token, expired or not; undefined for an unknown or revoked token. */
  find(token: string): SignInSession | undefined {
    return this.sessions.get(hashOf(token));
  }

  /** Whether a session with this `origin_jti` is still live (not revoked, not expired). */
  isLive(originJti: string, nowSeconds: number): boolean {
    for (const session of this.sessions.values()) if (session.originJti === originJti) return session.expiresAt > nowSeconds;
    return false;
  }

  /** Ends the session of a refresh token; unknown tokens are ignored, as Cognito's RevokeToken does. */
  async revoke(token: string): Promise<void> {
    if (this.sessions.delete(hashOf(token))) await this.persist();
  }

  /** Ends every session of a user (GlobalSignOut). */
  async revokeAllOf(username: string): Promise<void> {
    for (const [hash, session] of this.sessions) if (session.username === username) this.sessions.delete(hash);
    await this.persist();
  }

  private persist(): Promise<void> {
    // Expired sessions are dropped on every write, so the file does not grow without bound.
    const now = Date.now() / 1000;
    for (const [hash, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(hash);
    return this.files.write('refresh-tokens.json', { sessions: [...this.sessions.values()] } satisfies RefreshTokensFile);
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
