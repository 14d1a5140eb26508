import { AuthFileError, type AuthFiles } from './authFiles.js';

/** A user as the pool keeps it. */
export interface UserRecord {
  /** Case-sensitive, as in a pool made with CDK's default `signInCaseSensitive: true`. */
  readonly username: string;
  /** UUID fixed at sign-up: the identity to key data on. */
  readonly sub: string;
  /** From hashPassword: scrypt with a per-user salt. */
  readonly passwordHash: string;
  /** Standard attributes other than `sub`, e.g. `email`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Created by an administrator with a temporary password (Cognito's FORCE_CHANGE_PASSWORD); absent once confirmed. */
  readonly forcePasswordChange?: true;
}

interface UsersFile {
  readonly users: UserRecord[];
}

/** The pool's users, in memory and mirrored to `users.json`. */
export class UserStore {
  private constructor(
    private readonly files: AuthFiles,
    private readonly users: Map<string, UserRecord>,
  ) {}

  /** Loads the users kept in `files`. */
  static async open(files: AuthFiles): Promise<UserStore> {
    const stored = await files.read<UsersFile>('users.json');
    if (stored !== undefined && !Array.isArray(stored.users))
      throw new AuthFileError('users.json has no users list; delete the local-auth folder to start afresh');
    return new UserStore(files, new Map((stored?.users ?? []).map((user) => [user.username, user])));
  }

  find(username: string): UserRecord | undefined {
    return this.users.get(username);
  }

  /** Adds or replaces the user with this username, then persists. */
  async put(user: UserRecord): Promise<void> {
    this.users.set(user.username, user);
    await this.persist();
  }

  /** Removes the user with this username, then persists; false when there was none. */
  async delete(username: string): Promise<boolean> {
    if (!this.users.delete(username)) return false;
    await this.persist();
    return true;
  }

  private persist(): Promise<void> {
    return this.files.write('users.json', { users: [...this.users.values()] } satisfies UsersFile);
  }
}
