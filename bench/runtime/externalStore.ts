import { randomUUID } from 'node:crypto';
import { emulatorCredentialsFrom, type StoreCredentials } from '../resolverSeam.js';

/** A DynamoDB-compatible endpoint the bench runs against instead of its own in-memory store. */
export interface ExternalStore {
  endpoint: string;
  /** Unique per run, so runs never see each other's memos and deleting it at the end touches nothing else. */
  tableName: string;
  /** The key in the environment, else an emulator's placeholder (emulators accept any; the SDK will not sign without one). */
  credentials: StoreCredentials | undefined;
}

/** The store named by DYNAMODB_ENDPOINT (e.g. Amazon's DynamoDB Local), or undefined for the default in-memory one. */
export function externalStoreFromEnv(env: NodeJS.ProcessEnv): ExternalStore | undefined {
  const endpoint = env.DYNAMODB_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  return { endpoint, tableName: `memoTable-bench-${randomUUID()}`, credentials: emulatorCredentialsFrom(env) };
}
