import { randomInt } from 'node:crypto';
import { PASSWORD_POLICY } from '@memo-api/client';
import { authFilesIn } from './authFiles.js';
import { passwordPolicyViolation } from './passwordPolicy.js';
import { randomString } from './poolIds.js';
import type { SeedUser } from './types.js';
import { usernameViolation } from './usernames.js';

/** The users `npm start` creates when LOCAL_USERS is not set. */
export const DEFAULT_SEED_USERNAMES = ['alice', 'bob'] as const;

/** LOCAL_USERS cannot be used: the message says which entry and why, never echoing a password. */
export class InvalidLocalUsers extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLocalUsers';
  }
}

/**
 * alice and bob with strong random passwords, generated once per data directory and kept in
 * `<dataDir>/local-auth/seed-passwords.json` (0600), so the same passwords come back after a
 * restart. With a null `dataDir` (in-memory runtime) new passwords are made on every call.
 */
export async function defaultSeedUsers(dataDir: string | null): Promise<SeedUser[]> {
  const files = authFilesIn(dataDir);
  const stored = (await files.read<Record<string, string>>('seed-passwords.json')) ?? {};
  const passwords = Object.fromEntries(DEFAULT_SEED_USERNAMES.map((username) => [username, stored[username] ?? generatePassword()]));
  if (DEFAULT_SEED_USERNAMES.some((username) => stored[username] !== passwords[username]))
    await files.write('seed-passwords.json', passwords);
  return DEFAULT_SEED_USERNAMES.map((username) => ({ username, password: passwords[username] as string }));
}

/**
 * Parses `LOCAL_USERS="name:password,name:password"`. A password may contain `:` (the first one
 * splits) but not `,`; each must meet the pool's password policy.
 *
 * @example
 * parseLocalUsers('alice:Passw0rd!,bob:S3cret-pass') // [{ username: 'alice', password: 'Passw0rd!' }, …]
 * @throws InvalidLocalUsers for an empty list, an entry without `:`, a bad username, a duplicate or a weak password.
 */
export function parseLocalUsers(value: string): SeedUser[] {
  // Empty entries (a trailing comma) are skipped.
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new InvalidLocalUsers('LOCAL_USERS is empty; expected name:password,name:password');
  // Shape first, for every entry: a ',' inside a password shows up as an entry without ':', and
  // saying so beats complaining about the truncated password of the entry before it.
  const pairs = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon < 0)
      throw new InvalidLocalUsers(`LOCAL_USERS entry ${index + 1} has no ':'; expected name:password (a password cannot contain ',')`);
    return { username: entry.slice(0, colon), password: entry.slice(colon + 1) };
  });
  const users: SeedUser[] = [];
  pairs.forEach(({ username, password }, index) => {
    const where = `LOCAL_USERS entry ${index + 1}`;
    const badName = usernameViolation(username);
    if (badName) throw new InvalidLocalUsers(`${where}: ${badName}`);
    if (users.some((user) => user.username === username)) throw new InvalidLocalUsers(`${where}: user "${username}" is listed twice`);
    const weak = passwordPolicyViolation(password);
    if (weak)
      throw new InvalidLocalUsers(
        `${where} (user "${username}"): ${weak} (at least ${PASSWORD_POLICY.minLength} characters with upper case, lower case, a digit and a symbol)`,
      );
    users.push({ username, password });
  });
  return users;
}

/** 20 random characters with at least one of each class the policy asks for; no `,` or `:`, so it fits LOCAL_USERS. */
function generatePassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-_.!#%+='];
  const chars = [...classes.map((alphabet) => randomString(alphabet, 1)), ...randomString(classes.join(''), 16)];
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
