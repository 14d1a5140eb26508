/** AWS credentials for a store the SDK's own chain should not be asked about (a local emulator's fake pair). */
export interface StoreCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * What a memo store is built from: the same code runs on AWS and locally, only this differs. On
 * Lambda the entry point reads it from the function's environment (readStoreConfig); the local
 * runtime, the tests and the benchmark build it themselves.
 */
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
  /** The store's region; unset on Lambda, where the SDK takes the function's own. */
  readonly region?: string;
  /** Unset on Lambda, where the SDK takes the function role's credentials from its environment. */
  readonly credentials?: StoreCredentials;
  /**
   * How long a deleted memo's tombstone is kept (its TTL, `expiresAt`): TOMBSTONE_RETENTION_DAYS,
   * default DEFAULT_TOMBSTONE_RETENTION_DAYS. A change-feed cursor older than this is SyncExpired.
   */
  readonly tombstoneRetentionDays: number;
}

/** Days a tombstone is kept when TOMBSTONE_RETENTION_DAYS is unset: a device offline longer than this does a full sync. */
export const DEFAULT_TOMBSTONE_RETENTION_DAYS = 30;

/** The shortest page-token secret accepted: 32 characters (infra generates 64). */
export const PAGE_TOKEN_SECRET_MIN_LENGTH = 32;

/**
 * The store settings of a Lambda function, from its environment: the one place TABLE_NAME,
 * DYNAMODB_ENDPOINT, PAGE_TOKEN_SECRET and TOMBSTONE_RETENTION_DAYS are read.
 *
 * @throws {Error} when TABLE_NAME is missing, PAGE_TOKEN_SECRET missing or too short, or
 * TOMBSTONE_RETENTION_DAYS set to anything but a whole number of days from 1 to 3650
 */
export function readStoreConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) {
    throw new Error('TABLE_NAME is not set: it must name the DynamoDB table that stores memos');
  }
  const pageTokenKey = env.PAGE_TOKEN_SECRET ?? '';
  if (pageTokenKey.length < PAGE_TOKEN_SECRET_MIN_LENGTH) {
    throw new Error(
      `PAGE_TOKEN_SECRET is not set or shorter than ${PAGE_TOKEN_SECRET_MIN_LENGTH} characters: it signs listMemos' page tokens`,
    );
  }
  return {
    tableName,
    endpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined,
    pageTokenKey,
    tombstoneRetentionDays: parseTombstoneRetentionDays(env.TOMBSTONE_RETENTION_DAYS),
  };
}

/** TOMBSTONE_RETENTION_DAYS as days (unset: the default); throws when it is not a whole number from 1 to 3650. */
export function parseTombstoneRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_TOMBSTONE_RETENTION_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(`TOMBSTONE_RETENTION_DAYS must be a whole number of days from 1 to 3650, not "${value}"`);
  }
  return days;
}
