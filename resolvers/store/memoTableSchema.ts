/** memoTable's partition key; infra/ declares the same key for the deployed table. */
export const MEMO_TABLE_PARTITION_KEY = 'memoId';

/**
 * The global secondary index listMemos queries: one owner's memos, newest first. It projects
 * every attribute because a list page returns whole memos: with KEYS_ONLY or INCLUDE each page
 * would need a read per memo from the table. infra/ declares the same index; the local runtime
 * and the tests create it (local/store/ensureMemoTable.ts).
 */
export const OWNER_INDEX = { name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAtId', projection: 'ALL' } as const;
