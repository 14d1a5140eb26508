/** Store settings, read once from the environment. The same code runs on AWS and locally. */
export interface StoreConfig {
  /** The memoTable's physical name (CDK passes it as TABLE_NAME). */
  readonly tableName: string;
  /** A DynamoDB-compatible endpoint (the local runtime's embedded store); unset on AWS. */
  readonly endpoint: string | undefined;
  /**
   * Signs listMemos' page tokens: PAGE_TOKEN_SECRET, required. On AWS a secret Secrets Manager
   * generated at the first deploy (infra/), locally a random key kept in the data directory:
   * nothing public (the table name is a stack output) derives it.
   */
  readonly pageTokenKey: string;
}

/** The shortest page-token secret accepted: 32 characters (infra generates 64). */
export const PAGE_TOKEN_SECRET_MIN_LENGTH = 32;

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) {
    throw new Error('TABLE_NAME is not set: it must name the DynamoDB table that stores memos');
  }
  const pageTokenKey = env.PAGE_TOKEN_SECRET ?? '';
  if (pageTokenKey.length < PAGE_TOKEN_SECRET_MIN_LENGTH) {
    throw new Error(`PAGE_TOKEN_SECRET is not set or shorter than ${PAGE_TOKEN_SECRET_MIN_LENGTH} characters: it signs listMemos' page tokens`);
  }
  return {
    tableName,
    endpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined,
    pageTokenKey,
  };
}
