import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readStoreConfig } from './config.js';

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

/** Built once per process (outside any handler) so warm invocations reuse connections. */
export const storeConfig = readStoreConfig();

export const dynamoClient = new DynamoDBClient({
  ...(storeConfig.endpoint ? { endpoint: storeConfig.endpoint } : {}),
  maxAttempts: STORE_TIMEOUTS.maxAttempts,
  // Without throwOnRequestTimeout the handler only warns when requestTimeout passes, and waits on.
  requestHandler: { connectionTimeout: STORE_TIMEOUTS.connectMs, requestTimeout: STORE_TIMEOUTS.attemptMs, throwOnRequestTimeout: true },
});

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
