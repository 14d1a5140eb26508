import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config.js';

/**
 * Bounds on one store call, so a store that stops answering (a frozen DynamoDB-compatible
 * server, a network partition) fails the invocation with a typed InternalError well inside the
 * function's timeout (FUNCTION_TIMEOUT_SECONDS; a test checks the sum) instead of hanging until
 * Lambda kills it. Each attempt may take connectMs + attemptMs; the SDK retries a timed-out one
 * (TimeoutError is transient). DynamoDB answers in milliseconds: these fire only on a store that
 * is not answering. A write whose answer timed out may still commit: clients retry a create with
 * the same memoId, an update or delete with its expectedVersion.
 */
export const STORE_TIMEOUTS = { connectMs: 1_000, attemptMs: 1_500, maxAttempts: 3 } as const;

/** A DynamoDB client for `config`'s endpoint, region and credentials (each the SDK's own when unset), with STORE_TIMEOUTS. */
export function createDynamoClient(config: Pick<StoreConfig, 'endpoint' | 'region' | 'credentials'>): DynamoDBClient {
  return new DynamoDBClient({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.region ? { region: config.region } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts: STORE_TIMEOUTS.maxAttempts,
    // Without throwOnRequestTimeout the handler only warns when requestTimeout passes, and waits on.
    requestHandler: { connectionTimeout: STORE_TIMEOUTS.connectMs, requestTimeout: STORE_TIMEOUTS.attemptMs, throwOnRequestTimeout: true },
  });
}

/** The document client the memo store sends every request through. */
export function createDocumentClient(config: Pick<StoreConfig, 'endpoint' | 'region' | 'credentials'>): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(config), { marshallOptions: { removeUndefinedValues: true } });
}
