/**
 * Child-process entry of the handler measurement (handlerMeasurement.ts forks it): a process of
 * its own, like a Lambda execution environment, whose entry reads the store settings
 * (TABLE_NAME, DYNAMODB_ENDPOINT, PAGE_TOKEN_SECRET) from its environment as the Lambda entry does
 * and binds the real handlers to that store. Each operation runs as on AWS: the APPSYNC_JS
 * resolver, then the handler across Lambda's JSON boundary, as a user-pool caller. Results go
 * back over the IPC channel; an error goes back as its message and the exit code is 1.
 */
import { randomUUID } from 'node:crypto';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { MEMO_FIELD_NAMES } from '../../local/appsync/memoFieldsFragment.js';
import {
  createMemoHandler,
  createMemoStore,
  deleteMemoHandler,
  ensureMemoTable,
  listMemosHandler,
  memoHandler,
  readStoreConfig,
  toItem,
  updateMemoHandler,
  type MemoRecord,
} from '../resolverSeam.js';
import type { MemoOperation } from './capacityFigures.js';
import { callUnits, type CallUnits } from './callUnits.js';
import { recordConsumedCapacity } from './consumedCapacity.js';
import type { HandlerRunOptions, HandlerRunReport, HandlerRunSize } from './handlerMeasurement.js';
import { benchUserIdentity } from '../benchCaller.js';
import { PAGE_SIZE } from './indexDesigns.js';
import { itemSizeBytes } from './itemSize.js';
import { sizedMemoFields } from './sizedMemo.js';

const storeConfig = readStoreConfig(process.env);
const store = createMemoStore(storeConfig);
const FIELDS: Record<MemoOperation, ['Query' | 'Mutation', LambdaHandler]> = {
  createMemo: ['Mutation', createMemoHandler.withStore(store) as LambdaHandler],
  memo: ['Query', memoHandler.withStore(store) as LambdaHandler],
  updateMemo: ['Mutation', updateMemoHandler.withStore(store) as LambdaHandler],
  listMemos: ['Query', listMemosHandler.withStore(store) as LambdaHandler],
  deleteMemo: ['Mutation', deleteMemoHandler.withStore(store) as LambdaHandler],
};
const MEMO_SELECTION = MEMO_FIELD_NAMES; // what clients select: the MemoFields fragment

const recorder = recordConsumedCapacity(store.documentClient);

try {
  const options = JSON.parse(process.env.CAPACITY_RUN_OPTIONS ?? '') as HandlerRunOptions;
  await ensureMemoTable(storeConfig);
  recorder.take();
  const sizes: HandlerRunSize[] = [];
  for (const kb of options.sizesKb) sizes.push(await measureSize(kb, options.repeats));
  process.send!({ ok: true, sizes } satisfies HandlerRunReport, () => process.exit(0));
} catch (error) {
  process.send!(
    { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies HandlerRunReport,
    () => process.exit(1),
  );
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
  const value = await runLambdaResolver(context, 'AMAZON_COGNITO_USER_POOLS', (payload) => invokeLikeLambda(handler, payload));
  return value as T;
}
