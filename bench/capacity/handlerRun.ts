/**
 * Child-process entry of the handler measurement (handlerMeasurement.ts forks it): the handlers
 * read TABLE_NAME and DYNAMODB_ENDPOINT once, at import, so they get a process of their own,
 * pointed at the measurement's table. Each operation runs as on AWS: the APPSYNC_JS resolver, then
 * the real Lambda handler across Lambda's JSON boundary, as a user-pool caller. Results go back
 * over the IPC channel; an error goes back as its message and the exit code is 1.
 */
import { randomUUID } from 'node:crypto';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaFields.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { handler as createMemo } from '../../resolvers/createMemo.js';
import { handler as deleteMemo } from '../../resolvers/deleteMemo.js';
import { handler as listMemos } from '../../resolvers/listMemos.js';
import { handler as memo } from '../../resolvers/memo.js';
import { handler as updateMemo } from '../../resolvers/updateMemo.js';
import { dynamoClient, storeConfig } from '../../resolvers/store/dynamoClient.js';
import { toItem, type MemoRecord } from '../../resolvers/store/memoItem.js';
import { ensureMemoTable } from '../../resolvers/store/memoTableSchema.js';
import type { MemoOperation } from './capacityFigures.js';
import { callUnits, type CallUnits } from './callUnits.js';
import { recordConsumedCapacity } from './consumedCapacity.js';
import type { HandlerRunOptions, HandlerRunReport, HandlerRunSize } from './handlerMeasurement.js';
import { benchUserIdentity } from '../benchCaller.js';
import { PAGE_SIZE } from './indexDesigns.js';
import { itemSizeBytes } from './itemSize.js';
import { sizedMemoFields } from './sizedMemo.js';
import { MEMO_FIELD_NAMES } from '../../local/appsync/memoFieldsFragment.js';

const FIELDS: Record<MemoOperation, ['Query' | 'Mutation', LambdaHandler]> = {
  createMemo: ['Mutation', createMemo as LambdaHandler],
  memo: ['Query', memo as LambdaHandler],
  updateMemo: ['Mutation', updateMemo as LambdaHandler],
  listMemos: ['Query', listMemos as LambdaHandler],
  deleteMemo: ['Mutation', deleteMemo as LambdaHandler],
};
const MEMO_SELECTION = MEMO_FIELD_NAMES; // what clients select: the MemoFields fragment

const recorder = recordConsumedCapacity(dynamoClient);

try {
  const options = JSON.parse(process.env.CAPACITY_RUN_OPTIONS ?? '') as HandlerRunOptions;
  await ensureMemoTable(dynamoClient, storeConfig.tableName);
  recorder.take();
  const sizes: HandlerRunSize[] = [];
  for (const kb of options.sizesKb) sizes.push(await measureSize(kb, options.repeats));
  process.send!({ ok: true, sizes } satisfies HandlerRunReport, () => process.exit(0));
} catch (error) {
  process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies HandlerRunReport, () => process.exit(1));
}

/**
 * One owner's memos of `kb`: a page and one more created (as listMemos's Query asks for one more
 * than the page), then reads, updates, a list page and deletes, each call's units recorded.
 */
async function measureSize(kb: number, repeats: number): Promise<HandlerRunSize> {
  const sub = randomUUID();
  const calls: Record<MemoOperation, CallUnits[]> = { createMemo: [], memo: [], updateMemo: [], listMemos: [], deleteMemo: [] };
  const measured = async <T>(operation: MemoOperation, args: Record<string, unknown>): Promise<T> => {
    const result = await call<T>(operation, args, sub);
    calls[operation].push(callUnits(recorder.take()));
    return result;
  };
  const created: MemoRecord[] = [];
  for (let i = 0; i <= PAGE_SIZE; i++) created.push(await measured<MemoRecord>('createMemo', { input: sizedMemoFields(kb) }));
  const [first] = created as [MemoRecord];
  for (let i = 0; i < repeats; i++) await measured('memo', { memoId: first.memoId });
  let updated = first;
  for (let i = 0; i < repeats; i++) {
    // Alternate the fill so every update changes the content, keeping its size.
    const content = sizedMemoFields(kb, i % 2 === 0 ? 'y' : 'x').content;
    updated = await measured<MemoRecord>('updateMemo', { input: { memoId: first.memoId, content, expectedVersion: updated.version } });
  }
  for (let i = 0; i < repeats; i++) await measured('listMemos', {});
  await measured('deleteMemo', { memoId: updated.memoId, expectedVersion: updated.version });
  for (const memo of created.slice(1, repeats)) await measured('deleteMemo', { memoId: memo.memoId, expectedVersion: memo.version });
  const itemBytes = itemSizeBytes(toItem(first));
  return { kb, itemBytes, contentBytes: Buffer.byteLength(first.content, 'utf8'), updatedItemBytes: itemSizeBytes(toItem(updated)), calls };
}

/** Resolves one field as `sub`, a user-pool caller, the way the local runtime and AppSync do. */
async function call<T>(operation: MemoOperation, args: Record<string, unknown>, sub: string): Promise<T> {
  const [parentTypeName, handler] = FIELDS[operation];
  const isList = operation === 'listMemos';
  const context = buildAppSyncContext({
    parentTypeName,
    fieldName: operation,
    args,
    headers: { 'content-type': 'application/json' },
    identity: benchUserIdentity(sub),
    selectionSetList: isList ? ['items', ...MEMO_SELECTION.map((field) => `items/${field}`), 'nextToken'] : [...MEMO_SELECTION],
    selectionSetGraphQL: isList ? `{ items { ${MEMO_SELECTION.join(' ')} } nextToken }` : `{ ${MEMO_SELECTION.join(' ')} }`,
  });
  const value = await runLambdaResolver(context, 'AMAZON_COGNITO_USER_POOLS', (payload) => invokeLikeLambda(handler, payload, operation));
  return value as T;
}
