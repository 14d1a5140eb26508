import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt's recommended interactive cost (N=2^14, r=8, p=1): ~50 ms and 16 MiB per check, enough to
// make a stolen users.json expensive to brute-force without slowing sign-in noticeably.
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

/**
 * Hashes a password with scrypt and a fresh random salt. The result names its parameters
 * (`scrypt$N$r$p$<salt b64url>$<hash b64url>`), so the cost can rise later without breaking old hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `password` matches a hash from {@link hashPassword}; the comparison runs in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A hash of a password nobody knows: checking against it for an unknown username costs as much as
// a real check, so response times do not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

/** Spends the time of one password check, for a username that does not exist. */
export async function spendPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(password, await decoyHash);
}

function derive(password: string, salt: Buffer, cost: ScryptOptions, keyLength = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r so the default cost never trips Node's 32 MiB guard.
    scrypt(password, salt, keyLength, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
