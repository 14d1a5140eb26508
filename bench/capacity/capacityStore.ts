import { JAVA_INSTALL_HINT, JavaNotFoundError, locateJava, startDynamoDbLocal } from '../../local/store/dynamoDbLocal.js';
import { startEmbeddedStore } from '../../local/store/embeddedStore.js';

/** A DynamoDB emulator already running: measured on as it is, never stopped here. */
export interface GivenStore {
  endpoint: string;
  description: string;
}

/** The store the capacity figures are measured on, open until `close` (which stops what was started for it). */
export interface OpenStore {
  endpoint: string;
  description: string;
  close(): Promise<void>;
}

/**
 * DynamoDB Local when Java is there; otherwise dynalite (outside CI), which the probe then judges;
 * the store given, left open on close, when the caller has one.
 *
 * @throws {JavaNotFoundError} on CI without Java
 */
export async function openCapacityStore(options: { log(line: string): void; store?: GivenStore | undefined }): Promise<OpenStore> {
  if (options.store) return { ...options.store, close: async () => {} };
  const java = locateJava(process.env);
  if ('path' in java) {
    options.log('capacity: starting DynamoDB Local…');
    const local = await startDynamoDbLocal(java.path);
    return { endpoint: local.endpoint, description: `DynamoDB Local (${local.version})`, close: () => local.close() };
  }
  if (process.env.CI === 'true') {
    throw new JavaNotFoundError(
      `CI=true: failing instead of measuring capacity without DynamoDB Local: ${java.problem} (${JAVA_INSTALL_HINT})`,
    );
  }
  options.log(`capacity: no DynamoDB Local (${java.problem}); trying dynalite`);
  const embedded = await startEmbeddedStore();
  return {
    endpoint: embedded.endpoint,
    description: `dynalite, as no Java runs DynamoDB Local (${java.problem})`,
    close: () => embedded.close(),
  };
}
