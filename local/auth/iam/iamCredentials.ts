import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../config.js';

/** The one IAM user the local runtime knows: its long-term key pair and who it is. */
export interface LocalIamPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  readonly userArn: string;
  /** The principal id AppSync reports as `identity.username` for an IAM user (`AIDA…`). */
  readonly username: string;
  /**
   * Set when the key pair is temporary credentials (LOCAL_IAM_SESSION_TOKEN): every signed request
   * must then carry this token in `x-amz-security-token`, as AWS requires of temporary credentials.
   */
  readonly sessionToken?: string;
}

export interface LoadIamPrincipalOptions {
  /** The embedded store's LevelDB directory, or null for a fresh principal kept in memory only. */
  readonly dataDir: string | null;
  /** Reads LOCAL_IAM_ACCESS_KEY_ID, LOCAL_IAM_SECRET_ACCESS_KEY, LOCAL_IAM_SESSION_TOKEN and LOCAL_IAM_ACCOUNT_ID. */
  readonly env?: NodeJS.ProcessEnv;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const LOCAL_IAM_USER_NAME = 'memo-local-admin';

/** Where a data directory keeps the principal: a subfolder, so LevelDB's own files stay untouched. */
export function iamCredentialsFile(dataDir: string): string {
  return join(dataDir, 'local-auth', 'iam.json');
}

/**
 * The local IAM principal: from LOCAL_IAM_ACCESS_KEY_ID + LOCAL_IAM_SECRET_ACCESS_KEY when set
 * (temporary credentials when LOCAL_IAM_SESSION_TOKEN is set too), else from
 * `<dataDir>/local-auth/iam.json` (created once, mode 0600), else fresh in memory.
 *
 * @example
 * const principal = await loadIamPrincipal({ dataDir: config.dataDir });
 * @throws {ConfigError} when only one variable is set, a value is malformed, or the file is unreadable
 */
export async function loadIamPrincipal({ dataDir, env = process.env }: LoadIamPrincipalOptions): Promise<LocalIamPrincipal> {
  const accountId = readAccountId(env);
  const fromEnv = readEnvKeyPair(env);
  if (fromEnv) return principal({ ...fromEnv, username: principalIdFor(fromEnv.accessKeyId) }, accountId);
  if (dataDir === null) return principal(generateStoredPrincipal(), accountId);
  return principal(await loadOrCreateStored(iamCredentialsFile(dataDir)), accountId);
}

/** What iam.json holds; account and ARN are derived on load so LOCAL_IAM_ACCOUNT_ID can change them. */
interface StoredPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly username: string;
}

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const SECRET_ACCESS_KEY = /^[\x21-\x7e]{16,128}$/;
const SESSION_TOKEN = /^[\x21-\x7e]{16,8192}$/;

/** A key pair and principal id shaped like AWS's: `AKIA` + 16, a 40-char secret, `AIDA` + 17. */
export function generateStoredPrincipal(): StoredPrincipal {
  return {
    accessKeyId: `AKIA${randomText(UPPER_ALPHANUMERIC, 16)}`,
    secretAccessKey: randomText(SECRET_ALPHABET, 40),
    username: `AIDA${randomText(UPPER_ALPHANUMERIC, 17)}`,
  };
}

function principal(stored: StoredPrincipal & { readonly sessionToken?: string }, accountId: string): LocalIamPrincipal {
  return { ...stored, accountId, userArn: `arn:aws:iam::${accountId}:user/${LOCAL_IAM_USER_NAME}` };
}

function readAccountId(env: NodeJS.ProcessEnv): string {
  const value = env.LOCAL_IAM_ACCOUNT_ID?.trim();
  if (!value) return DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(value)) throw new ConfigError(`LOCAL_IAM_ACCOUNT_ID must be 12 digits, not "${value}"`);
  return value;
}

function readEnvKeyPair(env: NodeJS.ProcessEnv): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = env.LOCAL_IAM_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.LOCAL_IAM_SECRET_ACCESS_KEY?.trim();
  const sessionToken = env.LOCAL_IAM_SESSION_TOKEN?.trim();
  if (!accessKeyId && !secretAccessKey) {
    if (sessionToken)
      throw new ConfigError(
        'LOCAL_IAM_SESSION_TOKEN needs LOCAL_IAM_ACCESS_KEY_ID and LOCAL_IAM_SECRET_ACCESS_KEY: the key pair it belongs to',
      );
    return undefined;
  }
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('Set both LOCAL_IAM_ACCESS_KEY_ID and LOCAL_IAM_SECRET_ACCESS_KEY, or neither (a key pair is then generated)');
  }
  if (!ACCESS_KEY_ID.test(accessKeyId))
    throw new ConfigError('LOCAL_IAM_ACCESS_KEY_ID must be 16-128 uppercase letters and digits, like AKIA…');
  if (!SECRET_ACCESS_KEY.test(secretAccessKey))
    throw new ConfigError('LOCAL_IAM_SECRET_ACCESS_KEY must be 16-128 printable characters without spaces');
  if (!sessionToken) return { accessKeyId, secretAccessKey };
  if (!SESSION_TOKEN.test(sessionToken))
    throw new ConfigError('LOCAL_IAM_SESSION_TOKEN must be 16-8192 printable characters without spaces');
  return { accessKeyId, secretAccessKey, sessionToken };
}

/** Stable across restarts for the same key, so resolvers see the same `identity.username`. */
function principalIdFor(accessKeyId: string): string {
  const digest = createHash('sha256').update(accessKeyId).digest();
  return `AIDA${Array.from(digest.subarray(0, 17), (byte) => UPPER_ALPHANUMERIC[byte % UPPER_ALPHANUMERIC.length]).join('')}`;
}

async function loadOrCreateStored(file: string): Promise<StoredPrincipal> {
  const existing = await readStored(file);
  if (existing) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Write aside, then link into place: link fails if another process won the race, and a
  // reader never sees a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fresh = generateStoredPrincipal();
  await writeFile(temporary, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readStored(file)) ?? fresh;
  } finally {
    await unlink(temporary);
  }
}

async function readStored(file: string): Promise<StoredPrincipal | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the local IAM credentials in ${file}: ${(error as Error).message}`);
  }
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
    throw new ConfigError(`${file} holds a secret key but others may read it: run chmod 600 on it`);
  }
  const parsed = parseStored(text);
  if (!parsed) throw new ConfigError(`${file} is not valid local IAM credentials: delete it to generate a new key pair`);
  return parsed;
}

function parseStored(text: string): StoredPrincipal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { accessKeyId, secretAccessKey, username } = value as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || !ACCESS_KEY_ID.test(accessKeyId)) return undefined;
  if (typeof secretAccessKey !== 'string' || !SECRET_ACCESS_KEY.test(secretAccessKey)) return undefined;
  if (typeof username !== 'string' || !/^AIDA[A-Z0-9]{17}$/.test(username)) return undefined;
  return { accessKeyId, secretAccessKey, username };
}

/** Unbiased: bytes past the largest multiple of the alphabet's size are redrawn. */
function randomText(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && text.length < length) text += alphabet[byte % alphabet.length];
    }
  }
  return text;
}
