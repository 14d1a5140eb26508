/**
 * Every GraphQL field backed by the memo Lambda: the single list infra/ builds resolvers from,
 * and the local runtime serves. `entry` is the field's own handler module (relative to the
 * repository root, exporting `handler`); one function, MEMO_FUNCTION_ENTRY, serves them all.
 */
export interface MemoField {
  readonly typeName: 'Query' | 'Mutation';
  readonly fieldName: string;
  readonly entry: string;
}

export const MEMO_FIELDS: readonly MemoField[] = [
  { typeName: 'Query', fieldName: 'memo', entry: 'resolvers/memo.ts' },
  { typeName: 'Query', fieldName: 'listMemos', entry: 'resolvers/listMemos.ts' },
  { typeName: 'Query', fieldName: 'memoChanges', entry: 'resolvers/memoChanges.ts' },
  { typeName: 'Query', fieldName: 'searchMemos', entry: 'resolvers/searchMemos.ts' },
  { typeName: 'Mutation', fieldName: 'createMemo', entry: 'resolvers/createMemo.ts' },
  { typeName: 'Mutation', fieldName: 'updateMemo', entry: 'resolvers/updateMemo.ts' },
  { typeName: 'Mutation', fieldName: 'deleteMemo', entry: 'resolvers/deleteMemo.ts' },
];

/**
 * The one Lambda entry every MEMO_FIELDS field runs on: it dispatches on AppSync's
 * `event.info` to the field's handler. infra/ deploys it; the local runtime invokes it.
 */
export const MEMO_FUNCTION_ENTRY = 'resolvers/memoFunction.ts';

/**
 * Every subscription field, each with a unit resolver on a NONE data source running `code`
 * (APPSYNC_JS) when a client subscribes: it sets the owner filter. infra/ attaches them; the
 * local runtime runs the same code at `start`.
 */
export interface SubscriptionField {
  readonly typeName: 'Subscription';
  readonly fieldName: string;
  readonly code: string;
}

const OWNER_FILTER_CODE = 'resolvers/appsync/ownerSubscriptionFilter.ts';

export const SUBSCRIPTION_FIELDS: readonly SubscriptionField[] = ['onCreateMemo', 'onUpdateMemo', 'onDeleteMemo'].map((fieldName) => ({
  typeName: 'Subscription' as const,
  fieldName,
  code: OWNER_FILTER_CODE,
}));

/**
 * Memory of the memo Lambda. CPU scales with memory on Lambda, and cold start (parsing the
 * bundled SDK, building the client) is CPU-bound; the handlers use well under 100 MB. 512 MB is
 * the usual Node.js knee of cost against latency. infra/ deploys it; the local runtime reports it
 * in the Lambda context it hands the handlers.
 */
export const FUNCTION_MEMORY_MB = 512;

/** Timeout of the memo Lambda: one DynamoDB call plus SDK retries; AppSync gives up after 30 s anyway. */
export const FUNCTION_TIMEOUT_SECONDS = 10;
