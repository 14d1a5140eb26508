import { randomInt } from 'node:crypto';
import { AuthFileError, type AuthFiles } from './authFiles.js';

/** The ids a client is configured with, fixed per data directory. */
export interface PoolIds {
  /** `<region>_<9 alphanumerics>`, as Cognito shapes them (e.g. `us-east-1_AbC123xYz`). */
  readonly userPoolId: string;
  /** 26 lowercase alphanumerics, as Cognito shapes app client ids. */
  readonly clientId: string;
}

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERICS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The pool's ids from `pool.json`, generated on first use. They stay the same on every start even
 * if `region` changes later: a client's configuration and its tokens must keep working.
 */
export async function loadOrCreatePoolIds(files: AuthFiles, region: string): Promise<PoolIds> {
  const stored = await files.read<PoolIds>('pool.json');
  if (stored) {
    if (typeof stored.userPoolId !== 'string' || typeof stored.clientId !== 'string')
      throw new AuthFileError('pool.json lacks userPoolId or clientId; delete the local-auth folder to start afresh');
    return { userPoolId: stored.userPoolId, clientId: stored.clientId };
  }
  const ids: PoolIds = { userPoolId: `${region}_${randomString(ALPHANUMERICS, 9)}`, clientId: randomString(LOWER_ALPHANUMERICS, 26) };
  await files.write('pool.json', ids);
  return ids;
}

/** Uniformly random characters (randomInt, not `byte % n`, which favours the first letters). */
export function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
