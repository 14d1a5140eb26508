import { randomBytes, randomUUID } from 'node:crypto';
import { CognitoError, USER_NOT_FOUND } from './cognitoErrors.js';
import { hashPassword } from './passwordHash.js';
import { passwordPolicyViolation } from './passwordPolicy.js';
import type { RefreshTokenStore } from './refreshTokenStore.js';
import { usernameViolation } from './usernames.js';
import type { UserRecord, UserStore } from './userStore.js';

/**
 * What an administrator (an IAM caller of AdminCreateUser, AdminSetUserPassword, AdminDeleteUser)
 * may do to the pool's users, with Cognito's rules and errors. The caller's signature is checked
 * before any of these runs (adminSignature.ts).
 */
export class UserAdministration {
  constructor(
    private readonly users: UserStore,
    private readonly refreshTokens: RefreshTokenStore,
  ) {}

  /**
   * AdminCreateUser: a user in FORCE_CHANGE_PASSWORD with the given temporary password (or a
   * generated one nobody learns: no message is ever sent locally, as with MessageAction SUPPRESS).
   *
   * @throws {CognitoError} UsernameExistsException, InvalidParameterException, InvalidPasswordException
   */
  async createUser(username: string, temporaryPassword: string | undefined, attributes: Record<string, string>): Promise<UserRecord> {
    const badName = usernameViolation(username);
    if (badName) throw new CognitoError('InvalidParameterException', `Invalid username: ${badName}`);
    const weak = temporaryPassword === undefined ? undefined : passwordPolicyViolation(temporaryPassword);
    if (weak) throw new CognitoError('InvalidPasswordException', weak);
    if (this.users.find(username)) throw new CognitoError('UsernameExistsException', 'User account already exists');
    const passwordHash = await hashPassword(temporaryPassword ?? unguessablePassword());
    // Checked again after the await: a concurrent create of the same name may have won meanwhile.
    if (this.users.find(username)) throw new CognitoError('UsernameExistsException', 'User account already exists');
    const now = new Date().toISOString();
    const user: UserRecord = {
      username,
      sub: randomUUID(),
      passwordHash,
      attributes,
      createdAt: now,
      updatedAt: now,
      forcePasswordChange: true,
    };
    await this.users.put(user);
    return user;
  }

  /**
   * AdminSetUserPassword: `permanent` confirms the user (CONFIRMED), otherwise the password is
   * temporary again (FORCE_CHANGE_PASSWORD).
   *
   * @throws {CognitoError} UserNotFoundException, InvalidPasswordException
   */
  async setPassword(username: string, password: string, permanent: boolean): Promise<void> {
    const user = this.existing(username);
    const weak = passwordPolicyViolation(password);
    if (weak) throw new CognitoError('InvalidPasswordException', weak);
    const { forcePasswordChange: _was, ...rest } = user;
    const passwordHash = await hashPassword(password);
    const updated: UserRecord = { ...rest, passwordHash, updatedAt: new Date().toISOString() };
    await this.users.put(permanent ? updated : { ...updated, forcePasswordChange: true });
  }

  /**
   * AdminDeleteUser: the user and every session of theirs (refresh tokens stop working; ID and
   * access tokens already issued stay valid until they expire, as on Cognito).
   *
   * @throws {CognitoError} UserNotFoundException
   */
  async deleteUser(username: string): Promise<void> {
    this.existing(username);
    await this.users.delete(username);
    await this.refreshTokens.revokeAllOf(username);
  }

  private existing(username: string): UserRecord {
    const user = this.users.find(username);
    if (!user) throw new CognitoError('UserNotFoundException', USER_NOT_FOUND);
    return user;
  }
}

/** A temporary password that meets the policy and that no one is told. */
function unguessablePassword(): string {
  return `${randomBytes(24).toString('base64url')}Aa1!`;
}
