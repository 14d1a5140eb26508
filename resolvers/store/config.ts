/** Store settings, read once from the environment. The same code runs on AWS and locally. */
export interface StoreConfig {
  /** The memoTable's physical name (CDK passes it as TABLE_NAME). */
  readonly tableName: string;
  /** A DynamoDB-compatible endpoint (the local runtime's embedded store); unset on AWS. */
  readonly endpoint: string | undefined;
}

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) {
    throw new Error('TABLE_NAME is not set: it must name the DynamoDB table that stores memos');
  }
  return { tableName, endpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined };
}
