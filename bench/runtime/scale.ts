import { GetMemoDocument, ListMemosDocument, UpdateMemoDocument } from '@memo-api/client';
import type { GraphqlRequest } from './graphqlClient.js';
import { measureLoad, type LoadOptions } from './load.js';
import type { RawOperations } from './rawOperations.js';
import type { RunFigures } from '../stats.js';

export interface ScalePoint {
  storedMemos: number;
  memo: RunFigures;
  updateMemo: RunFigures;
  /** Time per listMemos page (limit 20), walking pages from the start. */
  listMemosPage: RunFigures;
}

/**
 * Grows the table to each size in turn and measures point reads, updates and list pages
 * there: with a key-value access path their cost must not grow with the table.
 */
export async function measureScale(
  request: GraphqlRequest,
  raw: RawOperations,
  sizes: readonly number[],
  options: LoadOptions,
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  let stored = 0;
  const ids: string[] = [];
  for (const size of sizes) {
    ids.push(...(await raw.seed(size - stored)));
    stored = size;
    // Spread reads and writes over the whole table, not a hot subset.
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    const memo = await measureLoad((i) => request(GetMemoDocument, { memoId: pick(i) }), options);
    const updateMemo = await measureLoad(
      (i) => request(UpdateMemoDocument, { input: { memoId: pick(i), content: `scale ${i}` } }),
      options,
    );
    let nextToken: string | null = null;
    const listMemosPage = await measureLoad(
      async () => {
        const { listMemos } = await request(ListMemosDocument, { limit: 20, nextToken });
        nextToken = listMemos.nextToken ?? null;
      },
      { ...options, concurrency: 1 },
    );
    points.push({ storedMemos: size, memo, updateMemo, listMemosPage });
  }
  return points;
}
