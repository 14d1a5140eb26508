/** Store settings, read once from the environment. The same code runs on AWS and locally. */
export interface StoreConfig {
  /** The memoTable's physical name (CDK passes it as TABLE_NAME). */
  readonly tableName: string;
  /** A DynamoDB-compatible endpoint (the local runtime's embedded store); unset on AWS. */
  readonly endpoint: string | undefined;
  /**
   * Signs listMemos' page tokens. PAGE_TOKEN_SECRET when set; otherwise the table's physical
   * name, which clients never see (CloudFormation generates it on AWS).
   */
  readonly pageTokenKey: string;
}

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) {
    throw new Error('TABLE_NAME is not set: it must name the DynamoDB table that stores memos');
  }
  return {
    tableName,
    endpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined,
    pageTokenKey: env.PAGE_TOKEN_SECRET || tableName,
  };
}
