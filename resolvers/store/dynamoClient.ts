import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readStoreConfig } from './config.js';

/** Built once per process (outside any handler) so warm invocations reuse connections. */
export const storeConfig = readStoreConfig();

export const dynamoClient = new DynamoDBClient(
  storeConfig.endpoint ? { endpoint: storeConfig.endpoint } : {},
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
