/** memoTable's partition key; infra/ declares the same key for the deployed table. */
export const MEMO_TABLE_PARTITION_KEY = 'memoId';

/**
 * The global secondary index listMemos queries: one owner's memos, newest first. It projects
 * every attribute because a list page returns whole memos: with KEYS_ONLY or INCLUDE each page
 * would need a read per memo from the table. infra/ declares the same index; the local runtime
 * and the tests create it (local/store/ensureMemoTable.ts).
 */
export const OWNER_INDEX = { name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAtId', projection: 'ALL' } as const;

/**
 * The attributes a delete leaves on the item, which stays as a tombstone: when it was deleted,
 * and when DynamoDB's TTL may remove it (epoch seconds; infra/ names it the table's TTL attribute).
 */
export const TOMBSTONE_ATTRIBUTES = { deletedAt: 'deletedAt', expiresAt: 'expiresAt' } as const;

/** When a memo last changed (created, updated or deleted): what the change feed orders by. */
export const CHANGED_AT_ATTRIBUTE = 'changedAt';

/**
 * The global secondary index memoChanges queries: one owner's memos by last change, oldest first,
 * tombstones included (the list index drops them). Its sort key is `<changedAt>#<memoId>`, so
 * changes in the same millisecond keep one fixed order. It projects every attribute because a
 * feed page returns whole memos in one Query. infra/ and ensureMemoTable declare the same index.
 */
export const FEED_INDEX = { name: 'byOwnerChange', partitionKey: 'ownerId', sortKey: 'changedAtId', projection: 'ALL' } as const;
