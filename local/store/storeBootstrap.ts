import { mkdir } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import { startEmbeddedStore } from './embeddedStore.js';
import { isLoopbackAddress } from '../http/hostAccess.js';
import { localPageTokenSecret } from './pageTokenSecret.js';

export interface StoreSettings {
  /** LevelDB directory of the embedded store; null keeps it in memory. */
  readonly dataDir: string | null;
  /** An external DynamoDB-compatible endpoint; when set, no embedded store starts. */
  readonly dynamodbEndpoint: string | undefined;
  readonly tableName: string;
}

export interface RunningStore {
  readonly endpoint: string;
  /** For the start banner: which table, and where its data lives. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded store (or adopts the external endpoint), points the handlers' environment
 * at it and makes sure memoTable exists. Must run before the handlers are imported: they read
 * TABLE_NAME and DYNAMODB_ENDPOINT once, at import, as they do on Lambda.
 */
export async function startStore(settings: StoreSettings): Promise<RunningStore> {
  const { dynamodbEndpoint, tableName } = settings;
  const store = dynamodbEndpoint
    ? { endpoint: dynamodbEndpoint, where: `at the DynamoDB endpoint ${dynamodbEndpoint}`, close: async () => {} }
    : await startEmbedded(settings.dataDir);
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  // A PAGE_TOKEN_SECRET of the caller's wins (e.g. to share tokens with another runtime).
  process.env.PAGE_TOKEN_SECRET ||= await localPageTokenSecret(settings.dataDir);
  process.env.AWS_REGION ??= 'us-east-1';
  // Real DynamoDB gets the SDK's usual credential chain.
  if (!dynamodbEndpoint || isLoopbackEndpoint(dynamodbEndpoint)) supplyEmulatorCredentials(process.env);
  try {
    const { dynamoClient } = await import('../../resolvers/store/dynamoClient.js');
    const { ensureMemoTable } = await import('../../resolvers/store/memoTableSchema.js');
    await ensureMemoTable(dynamoClient, tableName);
  } catch (error) {
    await store.close();
    throw explainStoreFailure(error, store.endpoint);
  }
  return { endpoint: store.endpoint, description: `table ${tableName} ${store.where}`, close: store.close };
}

/**
 * The embedded store and local emulators (DynamoDB Local, dynalite) accept any credentials, but
 * the SDK refuses to send a request without some: a fixed fake pair, unless a key or profile is set.
 */
export function supplyEmulatorCredentials(env: NodeJS.ProcessEnv): void {
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) return;
  env.AWS_ACCESS_KEY_ID = 'local';
  env.AWS_SECRET_ACCESS_KEY = 'local';
}

async function startEmbedded(dataDir: string | null): Promise<{ endpoint: string; where: string; close(): Promise<void> }> {
  if (dataDir === null) {
    const store = await startEmbeddedStore();
    return { endpoint: store.endpoint, where: 'in memory (gone when the process stops)', close: store.close };
  }
  await makeDataDir(dataDir);
  const store = await startEmbeddedStore({ dataDir });
  return { endpoint: store.endpoint, where: `in ${dataDir}`, close: store.close };
}

async function makeDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new ConfigError(`DATA_DIR ${dataDir} is not a directory (a file is in the way): choose another DATA_DIR, or --in-memory`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ConfigError(`DATA_DIR ${dataDir} cannot be created here (${code}): choose a writable DATA_DIR, or --in-memory`);
    }
    throw error;
  }
}

function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return isLoopbackAddress(new URL(endpoint).hostname);
  } catch {
    throw new ConfigError(`DYNAMODB_ENDPOINT must be a URL such as http://127.0.0.1:8000, not "${endpoint}"`);
  }
}

/** The SDK's failures that a user can fix, as one line; anything else as it is. */
function explainStoreFailure(error: unknown, endpoint: string): unknown {
  const name = (error as { name?: string }).name;
  if (name === 'CredentialsProviderError') {
    return new ConfigError(
      `DYNAMODB_ENDPOINT ${endpoint} needs AWS credentials and none were found: set AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY (for a local emulator any fake pair works) or AWS_PROFILE',
    );
  }
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError(`Nothing answers at DYNAMODB_ENDPOINT ${endpoint} (${code}): start that store, or unset DYNAMODB_ENDPOINT to use the embedded one`);
  }
  return error;
}
