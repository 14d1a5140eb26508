import { randomBytes } from 'node:crypto';
import { PAGE_TOKEN_SECRET_MIN_LENGTH } from '../../resolvers/store/config.js';
import { authFilesIn } from '../auth/userPool/authFiles.js';

/**
 * The secret the handlers sign listMemos' page tokens with (PAGE_TOKEN_SECRET), as infra gives
 * deployed functions a generated one: random, made once per data directory and kept beside the
 * user pool's keys (`local-auth/page-token-secret.json`, 0600), so tokens survive a restart;
 * a fresh one for an in-memory runtime.
 */
export async function localPageTokenSecret(dataDir: string | null): Promise<string> {
  const files = authFilesIn(dataDir);
  const kept = await files.read<{ secret?: unknown }>('page-token-secret.json');
  if (typeof kept?.secret === 'string' && kept.secret.length >= PAGE_TOKEN_SECRET_MIN_LENGTH) return kept.secret;
  const secret = randomBytes(48).toString('base64url');
  await files.write('page-token-secret.json', { secret });
  return secret;
}
