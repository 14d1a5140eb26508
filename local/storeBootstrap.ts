import { mkdir } from 'node:fs/promises';
import { startEmbeddedStore } from './embeddedStore.js';

export interface StoreSettings {
  /** LevelDB directory of the embedded store; null keeps it in memory. */
  readonly dataDir: string | null;
  /** An external DynamoDB-compatible endpoint; when set, no embedded store starts. */
  readonly dynamodbEndpoint: string | undefined;
  readonly tableName: string;
}

export interface RunningStore {
  readonly endpoint: string;
  /** For the start banner: where the data lives. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded store (or adopts the external endpoint), points the handlers' environment
 * at it and makes sure memoTable exists. Must run before the handlers are imported: they read
 * TABLE_NAME and DYNAMODB_ENDPOINT once, at import, as they do on Lambda.
 */
export async function startStore(settings: StoreSettings): Promise<RunningStore> {
  const store = settings.dynamodbEndpoint
    ? { endpoint: settings.dynamodbEndpoint, description: `external DynamoDB endpoint ${settings.dynamodbEndpoint}`, close: async () => {} }
    : await startEmbedded(settings.dataDir);
  process.env.TABLE_NAME = settings.tableName;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  if (!settings.dynamodbEndpoint) {
    // The embedded store accepts any credentials; an external endpoint gets the SDK's usual chain.
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  }
  try {
    const { dynamoClient } = await import('../resolvers/store/dynamoClient.js');
    const { ensureMemoTable } = await import('../resolvers/store/memoTableSchema.js');
    await ensureMemoTable(dynamoClient, settings.tableName);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function startEmbedded(dataDir: string | null): Promise<RunningStore> {
  if (dataDir === null) {
    const store = await startEmbeddedStore();
    return { endpoint: store.endpoint, description: 'in memory (gone when the process stops)', close: store.close };
  }
  await mkdir(dataDir, { recursive: true });
  const store = await startEmbeddedStore({ dataDir });
  return { endpoint: store.endpoint, description: dataDir, close: store.close };
}
