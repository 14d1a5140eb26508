import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MemoRecord } from '../resolverSeam.js';
import type { MemoOperation } from './capacityFigures.js';
import { callUnits, type CallUnits } from './callUnits.js';
import { recordConsumedCapacity, type CapacityRecorder } from './consumedCapacity.js';
import { storeRequests, type StoreRequests } from './designRequests.js';
import { createTable, deleteTable, emulatorClient } from './designTables.js';
import { PAGE_SIZE, type IndexDesign } from './indexDesigns.js';
import { sampleMemo, sizedMemoFields } from './sizedMemo.js';

/** One design at one memo size: every call's units, by operation, and the memos a list page returned. */
export interface DesignRunSize {
  kb: number;
  calls: Record<MemoOperation, CallUnits[]>;
  pageMemos: number;
}

/**
 * Measures one owner-index design: for each memo size a table of its own (the seed's Scan must
 * see that size's memos only) with the index as `design` projects it, then the store's requests,
 * issued raw, exactly as memoStore.ts sends them (items from memoItem.toItem, the page Query from
 * ownerPageQuery). Every table it creates is deleted before it returns or throws.
 */
export async function measureDesign(
  endpoint: string,
  design: IndexDesign,
  sizesKb: readonly number[],
  repeats: number,
): Promise<DesignRunSize[]> {
  const client = emulatorClient(endpoint);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const recorder = recordConsumedCapacity(client);
  const tables: string[] = [];
  try {
    const sizes: DesignRunSize[] = [];
    for (const kb of sizesKb) {
      const tableName = `memoCapacity-${design.design.replace(/[^A-Za-z]+/g, '_')}-${kb}kb-${randomUUID().slice(0, 8)}`;
      tables.push(tableName);
      await createTable(client, tableName, design);
      recorder.take();
      sizes.push(await measureSize(storeRequests(documents, tableName, design), recorder, kb, repeats));
    }
    return sizes;
  } finally {
    recorder.stop();
    await Promise.all(tables.map((tableName) => deleteTable(client, tableName)));
    client.destroy();
  }
}

async function measureSize(requests: StoreRequests, recorder: CapacityRecorder, kb: number, repeats: number): Promise<DesignRunSize> {
  const calls: Record<MemoOperation, CallUnits[]> = { createMemo: [], memo: [], updateMemo: [], listMemos: [], deleteMemo: [] };
  const measured = async <T>(operation: MemoOperation, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    calls[operation].push(callUnits(recorder.take()));
    return result;
  };
  const ownerId = randomUUID();
  const created: MemoRecord[] = [];
  for (let i = 0; i <= PAGE_SIZE; i++) {
    const memo = sampleMemo(sizedMemoFields(kb), ownerId);
    await measured('createMemo', () => requests.create(memo));
    created.push(memo);
  }
  let updated = created[0]!;
  for (let i = 0; i < repeats; i++) await measured('memo', () => requests.get(updated.memoId));
  for (let i = 0; i < repeats; i++) {
    const content = sizedMemoFields(kb, i % 2 === 0 ? 'y' : 'x').content;
    updated = await measured('updateMemo', () => requests.update(updated, content));
  }
  let pageMemos = 0;
  for (let i = 0; i < repeats; i++) pageMemos = await measured('listMemos', () => requests.listPage(ownerId));
  await measured('deleteMemo', () => requests.delete(updated));
  for (const memo of created.slice(1, repeats)) await measured('deleteMemo', () => requests.delete(memo));
  return { kb, calls, pageMemos };
}
