import { randomUUID } from 'node:crypto';
import { authFilesIn } from './authFiles.js';
import type { LocalIamPrincipal } from '../iam/iamCredentials.js';
import type { SignedRequest } from '../iam/sigv4Verifier.js';
import { checkAdminSignature, type AdminOption } from './adminSignature.js';
import { CognitoError, INCORRECT_CREDENTIALS, PasswordChangeRequired } from './cognitoErrors.js';
import { handleCognitoRequest, type CognitoPoolOperations } from './cognitoProtocol.js';
import { hashPassword, spendPasswordCheck, verifyPassword } from './passwordHash.js';
import { passwordPolicyViolation } from './passwordPolicy.js';
import { loadOrCreatePoolIds } from './poolIds.js';
import { REFRESH_TOKEN_VALIDITY_SECONDS, RefreshTokenStore } from './refreshTokenStore.js';
import { loadOrCreateSigningKey, type SigningKey } from './signingKey.js';
import { createTokenMinter, type MintedTokens, type TokenMinter } from './tokenMinter.js';
import { createUserPoolTokenVerifier, TokenRejected, type UserPoolTokenVerifier } from './tokenVerifier.js';
import type { CognitoReply, LocalUserPoolOptions, PublicJwks, SeedUser } from './types.js';
import { UserAdministration } from './userAdministration.js';
import { usernameViolation } from './usernames.js';
import { UserStore, type UserRecord } from './userStore.js';

/**
 * A Cognito-compatible user pool for the local runtime: users with hashed passwords, RS256 tokens
 * with Cognito's claims, and Cognito's wire protocol ({@link LocalUserPool.handleRequest}), so
 * clients sign in exactly as against Cognito. Its methods throw {@link CognitoError}.
 *
 * @example
 * const pool = await LocalUserPool.open({ dataDir: '.data', region: 'us-east-1', issuerOrigin: 'http://127.0.0.1:4000', seedUsers: await defaultSeedUsers('.data') });
 * const reply = await pool.handleRequest(req.headers['x-amz-target'], JSON.parse(body)); // POST /
 * const jwks = pool.jwks(); // GET /<userPoolId>/.well-known/jwks.json
 */
export class LocalUserPool implements CognitoPoolOperations {
  /** `<issuerOrigin>/<userPoolId>`, the `iss` of every token. */
  readonly issuer: string;
  private readonly mint: TokenMinter;
  /**
   * Verifies one of this pool's ID or access tokens (raw, or after `Bearer `) and returns
   * AppSync's user-pool identity. Keys are loaded once, never fetched per call.
   * @throws {TokenRejected} for any token this pool did not issue, or no longer accepts
   */
  readonly verifyToken: UserPoolTokenVerifier;
  /** The admin actions' operations on users; callers check {@link LocalUserPool.checkAdminSignature} first. */
  readonly admin: UserAdministration;

  private constructor(
    readonly userPoolId: string,
    readonly clientId: string,
    issuerOrigin: string,
    private readonly key: SigningKey,
    private readonly users: UserStore,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly region: string,
    private readonly adminPrincipal: LocalIamPrincipal | undefined,
  ) {
    this.admin = new UserAdministration(users, refreshTokens);
    this.issuer = `${issuerOrigin.replace(/\/+$/, '')}/${userPoolId}`;
    this.mint = createTokenMinter({ issuer: this.issuer, clientId, key });
    this.verifyToken = createUserPoolTokenVerifier({ issuer: this.issuer, clientId, jwks: key.jwks });
  }

  /**
   * Opens the pool of a data directory (creating its key, ids and files on first use) and makes
   * sure every seed user exists with its given password.
   *
   * @throws Error when a seed user's name or password breaks the pool's rules.
   */
  static async open(options: LocalUserPoolOptions & AdminOption): Promise<LocalUserPool> {
    const files = authFilesIn(options.dataDir);
    const ids = await loadOrCreatePoolIds(files, options.region);
    const [key, users, refreshTokens] = await Promise.all([
      loadOrCreateSigningKey(files),
      UserStore.open(files),
      RefreshTokenStore.open(files),
    ]);
    const pool = new LocalUserPool(
      ids.userPoolId,
      ids.clientId,
      options.issuerOrigin,
      key,
      users,
      refreshTokens,
      options.region,
      options.adminPrincipal,
    );
    for (const seed of options.seedUsers ?? []) await pool.seed(seed);
    return pool;
  }

  /** The public keys that verify this pool's tokens (serve at `/<userPoolId>/.well-known/jwks.json`). */
  jwks(): PublicJwks {
    return structuredClone(this.key.jwks);
  }

  /**
   * Answers one Cognito API call. `target` is the `X-Amz-Target` header
   * (`AWSCognitoIdentityProviderService.<Action>`; undefined when absent), `body` the parsed JSON
   * request (undefined when it did not parse), `signed` the request as received (method, path,
   * headers, raw body): admin actions need it to check the caller's SigV4 signature and are refused
   * without it. Send the reply's status, headers and JSON body as they are; log `internalError`
   * when present. Never throws.
   */
  handleRequest(target: string | undefined, body: unknown, signed?: SignedRequest): Promise<CognitoReply> {
    return handleCognitoRequest(this, target ?? '', body, signed);
  }

  /**
   * Refuses an admin call unless `signed` is SigV4-signed by the pool's admin principal.
   * @throws {CognitoError} MissingAuthenticationTokenException, UnrecognizedClientException or InvalidSignatureException
   */
  checkAdminSignature(signed: SignedRequest | undefined): Promise<void> {
    return checkAdminSignature(signed, this.adminPrincipal, this.region);
  }

  /** SignUp, confirmed at once (no code locally). Returns the new user's `sub`. */
  async signUp(username: string, password: string, attributes: Record<string, string>): Promise<string> {
    const badName = usernameViolation(username);
    if (badName) throw new CognitoError('InvalidParameterException', `Invalid username: ${badName}`);
    const weak = passwordPolicyViolation(password);
    if (weak) throw new CognitoError('InvalidPasswordException', weak);
    if (this.users.find(username)) throw new CognitoError('UsernameExistsException', 'User already exists');
    const passwordHash = await hashPassword(password);
    // Checked again after the await: a concurrent sign-up of the same name may have won meanwhile.
    if (this.users.find(username)) throw new CognitoError('UsernameExistsException', 'User already exists');
    const now = new Date().toISOString();
    const sub = randomUUID();
    await this.users.put({ username, sub, passwordHash, attributes, createdAt: now, updatedAt: now });
    return sub;
  }

  /**
   * USER_PASSWORD_AUTH (and ADMIN_USER_PASSWORD_AUTH): a new session with its tokens and refresh token.
   * @throws {PasswordChangeRequired} for a right password of a user an administrator has not confirmed
   */
  async signIn(username: string, password: string): Promise<MintedTokens & { refreshToken: string }> {
    const user = this.users.find(username);
    // An unknown user gets the same answer, after the same work, as a wrong password.
    if (!user) {
      await spendPasswordCheck(password);
      throw new CognitoError('NotAuthorizedException', INCORRECT_CREDENTIALS);
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw new CognitoError('NotAuthorizedException', INCORRECT_CREDENTIALS);
    if (user.forcePasswordChange) throw new PasswordChangeRequired(username);
    const authTime = Math.floor(Date.now() / 1000);
    const session = { username, originJti: randomUUID(), authTime, expiresAt: authTime + REFRESH_TOKEN_VALIDITY_SECONDS };
    const refreshToken = await this.refreshTokens.issue(session);
    return { ...(await this.mint(user, session)), refreshToken };
  }

  /** REFRESH_TOKEN_AUTH / GetTokensFromRefreshToken: fresh tokens of the same session (no new refresh token). */
  async refresh(refreshToken: string): Promise<MintedTokens> {
    const session = this.refreshTokens.find(refreshToken);
    const user = session && this.users.find(session.username);
    if (!session || !user) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    if (session.expiresAt <= Date.now() / 1000) throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired');
    return this.mint(user, session);
  }

  /** The user an access token belongs to, as GetUser needs it. */
  async userOfAccessToken(accessToken: string): Promise<UserRecord> {
    const identity = await this.verifyToken(accessToken).catch((error: unknown) => {
      if (error instanceof TokenRejected && error.reason === 'expired')
        throw new CognitoError('NotAuthorizedException', 'Access Token has expired', { cause: error });
      throw new CognitoError('NotAuthorizedException', 'Invalid Access Token', { cause: error });
    });
    if (identity.claims.token_use !== 'access') throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    // Cognito refuses access tokens of a revoked session on its own APIs (AppSync does not check this).
    const originJti = identity.claims.origin_jti;
    if (typeof originJti !== 'string' || !this.refreshTokens.isLive(originJti, Date.now() / 1000))
      throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    const user = this.users.find(identity.username);
    if (!user || user.sub !== identity.sub) throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    return user;
  }

  /** RevokeToken: ends the session of a refresh token. */
  revokeRefreshToken(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  /** GlobalSignOut: ends every session of the access token's user. */
  async signOutEverywhere(accessToken: string): Promise<void> {
    const user = await this.userOfAccessToken(accessToken);
    await this.refreshTokens.revokeAllOf(user.username);
  }

  /** Creates a seed user, or resets its password when the seed's differs (the seed is the source of truth). */
  private async seed({ username, password }: SeedUser): Promise<void> {
    const problem = usernameViolation(username) ?? passwordPolicyViolation(password);
    if (problem) throw new Error(`Seed user "${username}": ${problem}`);
    const existing = this.users.find(username);
    if (!existing) {
      await this.signUp(username, password, {});
      return;
    }
    if (await verifyPassword(password, existing.passwordHash)) return;
    await this.users.put({ ...existing, passwordHash: await hashPassword(password), updatedAt: new Date().toISOString() });
  }
}
