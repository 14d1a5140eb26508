import type { SignedRequest } from '../iam/sigv4Verifier.js';
import type { MintedTokens } from './tokenMinter.js';
import type { UserAdministration } from './userAdministration.js';
import type { UserRecord } from './userStore.js';

/**
 * What the protocol asks of a pool (LocalUserPool is one): the pool's operations, in its own terms.
 * Stated here rather than imported, so the pool and its protocol do not import each other.
 */
export interface CognitoPoolOperations {
  readonly userPoolId: string;
  readonly clientId: string;
  signUp(username: string, password: string, attributes: Record<string, string>): Promise<string>;
  /** Throws PasswordChangeRequired for a right password of a user in FORCE_CHANGE_PASSWORD. */
  signIn(username: string, password: string): Promise<MintedTokens & { refreshToken: string }>;
  refresh(refreshToken: string): Promise<MintedTokens>;
  userOfAccessToken(accessToken: string): Promise<Pick<UserRecord, 'username' | 'sub' | 'attributes'>>;
  revokeRefreshToken(refreshToken: string): Promise<void>;
  signOutEverywhere(accessToken: string): Promise<void>;
  readonly admin: Pick<UserAdministration, 'createUser' | 'setPassword' | 'deleteUser'>;
  checkAdminSignature(signed: SignedRequest | undefined): Promise<void>;
}

/** A request's JSON body. */
export type CognitoRequest = Record<string, unknown>;

/** One action of the API: the pool and the request's body in, the reply's body out; throws CognitoError. */
export type CognitoAction = (pool: CognitoPoolOperations, request: CognitoRequest) => Promise<unknown>;
