import { randomUUID } from 'node:crypto';
import { supplyEmulatorCredentials } from '../../local/store/storeBootstrap.js';

/** A DynamoDB-compatible endpoint the bench runs against instead of its own in-memory store. */
export interface ExternalStore {
  endpoint: string;
  /** Unique per run, so runs never see each other's memos and deleting it at the end touches nothing else. */
  tableName: string;
}

/**
 * The store named by DYNAMODB_ENDPOINT (e.g. Amazon's DynamoDB Local), or undefined for the
 * default in-memory one. Emulators accept any key but the SDK will not sign without one, so a
 * placeholder key is set when neither a key nor a profile is configured.
 */
export function externalStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ExternalStore | undefined {
  const endpoint = env.DYNAMODB_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  supplyEmulatorCredentials(env);
  return { endpoint, tableName: `memoTable-bench-${randomUUID()}` };
}
