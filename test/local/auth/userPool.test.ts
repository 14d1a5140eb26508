import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createUserPoolTokenVerifier, TokenRejected } from '../../../local/auth/userPool/tokenVerifier.js';
import type { LocalUserPoolOptions } from '../../../local/auth/userPool/types.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';

const dataDirs: string[] = [];
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-auth-pool-'));
  dataDirs.push(dir);
  return dir;
}

const alice = { username: 'alice', password: 'Alice-password-1' };
const open = (dataDir: string | null, options: Partial<LocalUserPoolOptions> = {}) =>
  LocalUserPool.open({ dataDir, region: 'eu-west-1', issuerOrigin: 'http://127.0.0.1:4000', seedUsers: [alice], ...options });
const verifierOf = (pool: LocalUserPool) =>
  createUserPoolTokenVerifier({ issuer: pool.issuer, clientId: pool.clientId, jwks: pool.jwks() });

describe('LocalUserPool ids and keys', () => {
  it("shapes ids and the issuer as Cognito's", async () => {
    const pool = await open(null);
    expect(pool.userPoolId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(pool.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(pool.issuer).toBe(`http://127.0.0.1:4000/${pool.userPoolId}`);
  });

  it('publishes one public RS256 signing key, never the private parts', async () => {
    const { keys } = (await open(null)).jwks();
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });
});

describe("LocalUserPool tokens carry Cognito's claims", () => {
  it('signs RS256 tokens with the kid of its JWKS and one hour of validity', async () => {
    const pool = await open(null);
    const { idToken, accessToken } = await pool.signIn(alice.username, alice.password);
    for (const token of [idToken, accessToken]) {
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: pool.jwks().keys[0]!.kid });
      const { exp, iat } = decodeJwt(token);
      expect(exp! - iat!).toBe(3600);
    }
  });

  it('puts exactly the ID-token and access-token claims Cognito does', async () => {
    const pool = await open(null);
    await pool.signUp('erin', 'Erin-password-1', { email: 'erin@example.com' });
    const { idToken, accessToken } = await pool.signIn('erin', 'Erin-password-1');
    const id = decodeJwt(idToken);
    const access = decodeJwt(accessToken);
    expect(Object.keys(id).sort()).toEqual(
      [
        'aud',
        'auth_time',
        'cognito:username',
        'email',
        'email_verified',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'origin_jti',
        'sub',
        'token_use',
      ].sort(),
    );
    expect(Object.keys(access).sort()).toEqual(
      ['auth_time', 'client_id', 'event_id', 'exp', 'iat', 'iss', 'jti', 'origin_jti', 'scope', 'sub', 'token_use', 'username'].sort(),
    );
    expect(id).toMatchObject({
      aud: pool.clientId,
      iss: pool.issuer,
      token_use: 'id',
      'cognito:username': 'erin',
      email: 'erin@example.com',
      email_verified: true,
    });
    expect(access).toMatchObject({
      client_id: pool.clientId,
      iss: pool.issuer,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'erin',
      sub: id.sub,
    });
    expect(id.origin_jti).toBe(access.origin_jti);
    expect(id.jti).not.toBe(access.jti);
  });

  it('keeps a user’s sub across sign-ins and leaves email out when there is none', async () => {
    const pool = await open(null);
    const [first, second] = [await pool.signIn(alice.username, alice.password), await pool.signIn(alice.username, alice.password)];
    expect(decodeJwt(first.idToken).sub).toBe(decodeJwt(second.idToken).sub);
    expect(decodeJwt(first.idToken)).not.toHaveProperty('email');
  });
});

describe('LocalUserPool on a data directory', () => {
  it('keeps only its own folder in the data directory, with private files', async () => {
    const dataDir = await newDataDir();
    const pool = await open(dataDir);
    const { refreshToken } = await pool.signIn(alice.username, alice.password);
    expect(await readdir(dataDir)).toEqual(['local-auth']);
    const folder = join(dataDir, 'local-auth');
    expect((await readdir(folder)).sort()).toEqual(['pool.json', 'refresh-tokens.json', 'signing-key.json', 'users.json']);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    for (const file of await readdir(folder)) expect((await stat(join(folder, file))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(folder, 'pool.json'), 'utf8'))).toEqual({ userPoolId: pool.userPoolId, clientId: pool.clientId });
    // Secrets are stored only as hashes.
    expect(await readFile(join(folder, 'users.json'), 'utf8')).not.toContain(alice.password);
    expect(await readFile(join(folder, 'users.json'), 'utf8')).toMatch(/"passwordHash": "scrypt\$16384\$8\$1\$/);
    expect(await readFile(join(folder, 'refresh-tokens.json'), 'utf8')).not.toContain(refreshToken);
  });

  it('comes back after a restart with the same ids, key, users and sessions', async () => {
    const dataDir = await newDataDir();
    const before = await open(dataDir);
    await before.signUp('frank', 'Frank-password-1', {});
    const tokens = await before.signIn('frank', 'Frank-password-1');

    const after = await open(dataDir, { region: 'us-east-1' });
    expect([after.userPoolId, after.clientId, after.jwks()]).toEqual([before.userPoolId, before.clientId, before.jwks()]);
    expect((await verifierOf(after)(tokens.idToken)).username).toBe('frank');
    expect((await verifierOf(after)(tokens.accessToken)).username).toBe('frank');
    expect(decodeJwt((await after.refresh(tokens.refreshToken)).idToken).sub).toBe(decodeJwt(tokens.idToken).sub);
    expect((await after.userOfAccessToken(tokens.accessToken)).username).toBe('frank');
  });

  it('gives a fresh data directory a new pool whose verifier rejects the old tokens', async () => {
    const old = await open(await newDataDir());
    const tokens = await old.signIn(alice.username, alice.password);
    const fresh = await open(await newDataDir());
    expect(fresh.userPoolId).not.toBe(old.userPoolId);
    expect(fresh.jwks().keys[0]!.kid).not.toBe(old.jwks().keys[0]!.kid);
    await expect(verifierOf(fresh)(tokens.idToken)).rejects.toMatchObject({ name: 'TokenRejected', reason: 'unknown-key' });
    await expect(fresh.refresh(tokens.refreshToken)).rejects.toThrow('Invalid Refresh Token');
  });

  it('a verifier built with the same issuer but a fresh key rejects the old tokens', async () => {
    const dataDir = await newDataDir();
    const old = await open(dataDir);
    const tokens = await old.signIn(alice.username, alice.password);
    const other = await open(null);
    const verify = createUserPoolTokenVerifier({ issuer: old.issuer, clientId: old.clientId, jwks: other.jwks() });
    await expect(verify(tokens.accessToken)).rejects.toBeInstanceOf(TokenRejected);
  });
});

describe('LocalUserPool seed users', () => {
  it('creates seed users once and resets a password when the seed changes it', async () => {
    const dataDir = await newDataDir();
    const first = await open(dataDir);
    const sub = decodeJwt((await first.signIn(alice.username, alice.password)).idToken).sub;

    const same = await open(dataDir);
    expect(decodeJwt((await same.signIn(alice.username, alice.password)).idToken).sub).toBe(sub);

    const changed = await open(dataDir, { seedUsers: [{ username: 'alice', password: 'Changed-password-2' }] });
    await expect(changed.signIn(alice.username, alice.password)).rejects.toThrow('Incorrect username or password.');
    expect(decodeJwt((await changed.signIn('alice', 'Changed-password-2')).idToken).sub).toBe(sub);
  });

  it('keeps users who signed up but are not seeds', async () => {
    const dataDir = await newDataDir();
    await (await open(dataDir)).signUp('gina', 'Gina-password-1', {});
    expect((await (await open(dataDir, { seedUsers: [] })).signIn('gina', 'Gina-password-1')).idToken).toEqual(expect.any(String));
  });

  it('refuses to open with a seed whose password breaks the policy', async () => {
    await expect(open(null, { seedUsers: [{ username: 'weak', password: 'password' }] })).rejects.toThrow(
      'Seed user "weak": Password did not conform with policy',
    );
  });
});
