import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from '../../../local/auth/userPool/passwordPolicy.js';
import { defaultSeedUsers, InvalidLocalUsers, parseLocalUsers } from '../../../local/auth/userPool/seedUsers.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';

const dataDirs: string[] = [];
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('defaultSeedUsers', () => {
  it('gives alice and bob strong passwords that stay the same for a data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-auth-seeds-'));
    dataDirs.push(dataDir);
    const first = await defaultSeedUsers(dataDir);
    expect(first.map((user) => user.username)).toEqual(['alice', 'bob']);
    for (const { password } of first) {
      expect(password).toHaveLength(20);
      expect(passwordPolicyViolation(password)).toBeUndefined();
      expect(password).not.toMatch(/[,:]/);
    }
    expect(first[0]!.password).not.toBe(first[1]!.password);
    expect(await defaultSeedUsers(dataDir)).toEqual(first);
    const file = join(dataDir, 'local-auth', 'seed-passwords.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ alice: first[0]!.password, bob: first[1]!.password });
  });

  it('makes new passwords for an in-memory runtime', async () => {
    const [one, two] = [await defaultSeedUsers(null), await defaultSeedUsers(null)];
    expect(one[0]!.password).not.toBe(two[0]!.password);
  });

  it('seeds a pool whose users sign in with those passwords after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-auth-seeds-'));
    dataDirs.push(dataDir);
    const options = { dataDir, region: 'us-east-1', issuerOrigin: 'http://127.0.0.1:4000' };
    await LocalUserPool.open({ ...options, seedUsers: await defaultSeedUsers(dataDir) });
    const restarted = await LocalUserPool.open({ ...options, seedUsers: await defaultSeedUsers(dataDir) });
    for (const { username, password } of await defaultSeedUsers(dataDir))
      await expect(restarted.signIn(username, password)).resolves.toHaveProperty('idToken');
  });
});

describe('parseLocalUsers', () => {
  it.each([
    [
      'two users',
      'alice:Alice-password-1,bob:Bob-password-1',
      [
        { username: 'alice', password: 'Alice-password-1' },
        { username: 'bob', password: 'Bob-password-1' },
      ],
    ],
    ['a colon inside the password', 'carol:Pass:word-1234', [{ username: 'carol', password: 'Pass:word-1234' }]],
    [
      'spaces around entries',
      ' alice:Alice-password-1 , bob:Bob-password-1 ',
      [
        { username: 'alice', password: 'Alice-password-1' },
        { username: 'bob', password: 'Bob-password-1' },
      ],
    ],
    ['a trailing comma', 'alice:Alice-password-1,', [{ username: 'alice', password: 'Alice-password-1' }]],
    ['an email as username', 'dave@example.com:Dave-password-1', [{ username: 'dave@example.com', password: 'Dave-password-1' }]],
  ])('reads %s', (_case, value, users) => {
    expect(parseLocalUsers(value)).toEqual(users);
  });

  it.each([
    ['an empty value', '', 'LOCAL_USERS is empty'],
    ['only commas', ' , ', 'LOCAL_USERS is empty'],
    ['an entry without a colon', 'alice:Alice-password-1,bob', "LOCAL_USERS entry 2 has no ':'"],
    ['an empty username', ':Alice-password-1', 'LOCAL_USERS entry 1: the username is empty'],
    ['a username with a space', 'al ice:Alice-password-1', 'no spaces'],
    ['a user listed twice', 'alice:Alice-password-1,alice:Alice-password-2', 'user "alice" is listed twice'],
    [
      'a weak password',
      'alice:password-password',
      'LOCAL_USERS entry 1 (user "alice"): Password did not conform with policy: Password must have uppercase characters',
    ],
    ['a comma inside a password (splits the entry)', 'alice:Pa,ss-word-1', "LOCAL_USERS entry 2 has no ':'"],
  ])('refuses %s with a clear message', (_case, value, message) => {
    expect(() => parseLocalUsers(value)).toThrow(InvalidLocalUsers);
    expect(() => parseLocalUsers(value)).toThrow(message);
  });

  it('never echoes a password in its message', () => {
    expect(() => parseLocalUsers('alice:weakpassword9')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('weakpassword9') }),
    );
  });
});
