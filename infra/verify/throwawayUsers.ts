import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CheckFailed } from './checkRows.js';

/** A user made for one verification run, signed in. */
export interface ThrowawayUser {
  /** An address at example.com (the deployed pool's user names are email addresses); no message is ever sent. */
  readonly username: string;
  /** The user-pool `sub`: what the user's memos are owned by. */
  readonly sub: string;
  readonly idToken: string;
}

/**
 * Creates users through Cognito's admin API with the operator's IAM credentials (AdminCreateUser
 * without a message, then a permanent random password), signs them in with
 * ADMIN_USER_PASSWORD_AUTH, and deletes every one it created, signed in or not.
 */
export class ThrowawayUsers {
  private readonly created: string[] = [];

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clientId: string,
  ) {}

  /**
   * A new confirmed user, signed in.
   * @throws {CheckFailed} naming the admin call that failed
   */
  async create(label: string): Promise<ThrowawayUser> {
    const username = `memo-verify-${label}-${randomBytes(6).toString('hex')}@example.com`;
    const password = strongPassword();
    const { User: user } = await this.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: username }],
      }),
    );
    this.created.push(username);
    await this.cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: true }),
    );
    const sub = user?.Attributes?.find(({ Name }) => Name === 'sub')?.Value;
    if (!sub) throw new CheckFailed(`AdminCreateUser returned no sub for ${username}`);
    return { username, sub, idToken: await this.signIn(username, password) };
  }

  /** Deletes every user this instance created; returns the ones it could not delete, with why. */
  async deleteAll(): Promise<{ deleted: string[]; failed: string[] }> {
    const deleted: string[] = [];
    const failed: string[] = [];
    for (const username of this.created.splice(0)) {
      try {
        await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
        deleted.push(username);
      } catch (error) {
        failed.push(`${username} (${error instanceof Error ? error.name : String(error)})`);
      }
    }
    return { deleted, failed };
  }

  private async signIn(username: string, password: string): Promise<string> {
    try {
      const { AuthenticationResult: result, ChallengeName } = await this.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: this.userPoolId,
          ClientId: this.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      if (!result?.IdToken) throw new CheckFailed(`AdminInitiateAuth answered ${ChallengeName ?? 'no tokens'} for ${username}`);
      return result.IdToken;
    } catch (error) {
      if (error instanceof Error && error.name === 'InvalidParameterException' && /flow not enabled/i.test(error.message))
        throw new CheckFailed(
          'The app client does not allow ADMIN_USER_PASSWORD_AUTH (ALLOW_ADMIN_USER_PASSWORD_AUTH): deploy the current infra/ first',
          { cause: error },
        );
      throw error;
    }
  }
}

/** 24 random bytes in base64url plus one of each class the pool's policy asks for. */
function strongPassword(): string {
  return `${randomBytes(24).toString('base64url')}Aa1!`;
}
