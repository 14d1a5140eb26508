import { mkdir } from 'node:fs/promises';
import { DEFAULT_TOMBSTONE_RETENTION_DAYS, type StoreConfig, type StoreCredentials } from '../../resolvers/store/config.js';
import { createMemoStore, type MemoStore } from '../../resolvers/store/memoStore.js';
import { ConfigError } from '../config.js';
import { isLoopbackAddress } from '../http/hostAccess.js';
import { EMULATOR_CREDENTIALS } from './emulatorCredentials.js';
import { startEmbeddedStore } from './embeddedStore.js';
import { ensureMemoTable } from './ensureMemoTable.js';
import { localPageTokenSecret } from './pageTokenSecret.js';

export interface StoreSettings {
  /** LevelDB directory of the embedded store; null keeps it in memory. */
  readonly dataDir: string | null;
  /** An external DynamoDB-compatible endpoint; when set, no embedded store starts. */
  readonly dynamodbEndpoint: string | undefined;
  readonly tableName: string;
  readonly region: string;
  /** For an external endpoint; unset: a fake pair for a loopback emulator, the SDK's own chain for DynamoDB. */
  readonly storeCredentials?: StoreCredentials;
  /** Signs page tokens; unset: a random key kept in the data directory (localPageTokenSecret). */
  readonly pageTokenSecret?: string;
  /** How long deleted memos' tombstones are kept; unset: DEFAULT_TOMBSTONE_RETENTION_DAYS, as on AWS. */
  readonly tombstoneRetentionDays?: number;
}

export interface RunningStore {
  readonly endpoint: string;
  readonly tableName: string;
  /** For the start banner: which table, and where its data lives. */
  readonly description: string;
  /** The API's memos: its handlers are bound to this store. */
  readonly memoStore: MemoStore;
  close(): Promise<void>;
}

/**
 * Starts the embedded store (or adopts the external endpoint), makes sure the table exists and
 * builds the MemoStore the API's handlers are bound to, from these settings alone: nothing is
 * read from or written to the environment, so several APIs on several tables share a process.
 */
export async function startStore(settings: StoreSettings): Promise<RunningStore> {
  const { dynamodbEndpoint, tableName } = settings;
  const store = dynamodbEndpoint
    ? { endpoint: dynamodbEndpoint, where: `at the DynamoDB endpoint ${dynamodbEndpoint}`, close: async () => {} }
    : await startEmbedded(settings.dataDir);
  let config: StoreConfig;
  try {
    config = {
      tableName,
      endpoint: store.endpoint,
      region: settings.region,
      credentials: credentialsFor(settings),
      // A secret of the caller's wins (e.g. to share tokens with another runtime).
      pageTokenKey: settings.pageTokenSecret || (await localPageTokenSecret(settings.dataDir)),
      tombstoneRetentionDays: settings.tombstoneRetentionDays ?? DEFAULT_TOMBSTONE_RETENTION_DAYS,
    };
    await ensureMemoTable(config);
  } catch (error) {
    await store.close();
    throw explainStoreFailure(error, store.endpoint);
  }
  const memoStore = createMemoStore(config);
  const close = async () => {
    memoStore.destroy();
    await store.close();
  };
  return { endpoint: store.endpoint, tableName, description: `table ${tableName} ${store.where}`, memoStore, close };
}

/** Emulators get a fake pair unless the settings name a key; real DynamoDB the settings' key or the SDK's usual chain. */
function credentialsFor({ dynamodbEndpoint, storeCredentials }: StoreSettings): StoreCredentials | undefined {
  if (!dynamodbEndpoint) return EMULATOR_CREDENTIALS;
  return storeCredentials ?? (isLoopbackEndpoint(dynamodbEndpoint) ? EMULATOR_CREDENTIALS : undefined);
}

async function startEmbedded(dataDir: string | null): Promise<{ endpoint: string; where: string; close(): Promise<void> }> {
  if (dataDir === null) {
    const store = await startEmbeddedStore();
    return { endpoint: store.endpoint, where: 'in memory (gone when the process stops)', close: () => store.close() };
  }
  await makeDataDir(dataDir);
  const store = await startEmbeddedStore({ dataDir });
  return { endpoint: store.endpoint, where: `in ${dataDir}`, close: () => store.close() };
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
    return new ConfigError(
      `Nothing answers at DYNAMODB_ENDPOINT ${endpoint} (${code}): start that store, or unset DYNAMODB_ENDPOINT to use the embedded one`,
    );
  }
  return error;
}
