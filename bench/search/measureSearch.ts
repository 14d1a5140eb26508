import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BENCH_PAGE_TOKEN_SECRET } from '../benchCaller.js';
import { recordConsumedCapacity } from '../capacity/consumedCapacity.js';
import { deleteTable, emulatorClient } from '../capacity/designTables.js';
import { itemSizeBytes } from '../capacity/itemSize.js';
import {
  createMemoStore,
  DEFAULT_TOMBSTONE_RETENTION_DAYS,
  FUNCTION_MEMORY_MB,
  EMULATOR_CREDENTIALS,
  ensureMemoTable,
  toItem,
} from '../resolverSeam.js';
import { round } from '../stats.js';
import { bulkLoad } from '../sync/bulkLoad.js';
import { FULL_VCPU_MB } from '../memory/sizingSettings.js';
import { handlerCpu } from './matchingCost.js';
import { measureDesigns } from './measureDesigns.js';
import { carries, countCarrying, SEARCH_TERMS, searchMemo } from './searchCorpus.js';
import type { SearchFigures, SearchKind, SearchRow, SearchRun } from './searchFigures.js';
import { searchClient, type SearchArgs } from './searchClient.js';
import { ASSUMED_QUERY_MS, SEARCH_BUDGET_MS, searchLimit } from './searchModel.js';

export interface SearchSettings {
  /** One owner each, searched; every other owner's memos share the table. */
  sizes: readonly number[];
  /** A neighbour's memos, carrying every term the searches look for (the absent word too). */
  neighbourMemos: number;
  /** Times each search runs: units must agree, the median time is kept. */
  repeats: number;
}

export const SEARCH_SETTINGS: SearchSettings = { sizes: [100, 1000, 10_000], neighbourMemos: 1000, repeats: 3 };
export const SEARCH_QUICK_SETTINGS: SearchSettings = { sizes: [100, 1000], neighbourMemos: 100, repeats: 1 };

/** The page a client asks for (listMemos' default). */
export const SEARCH_PAGE_LIMIT = 20;

const SEARCHES: { kind: SearchKind; args: Omit<SearchArgs, 'limit'>; carries: (i: number) => boolean }[] = [
  { kind: 'rare word (1 %)', args: { query: SEARCH_TERMS.rare }, carries: carries.rare },
  { kind: 'common word (50 %)', args: { query: SEARCH_TERMS.common }, carries: carries.common },
  { kind: 'tag (10 %)', args: { tags: [SEARCH_TERMS.tag] }, carries: carries.tag },
  {
    kind: 'common word + tag (5 %)',
    args: { query: SEARCH_TERMS.common, tags: [SEARCH_TERMS.tag] },
    carries: (i) => carries.common(i) && carries.tag(i),
  },
  { kind: 'no match', args: { query: SEARCH_TERMS.absent }, carries: () => false },
];

/**
 * Issue 20, item 2: first pages of searchMemos (limit 20) through the real handler, as a
 * user-pool caller, on one table holding an owner of each size and a neighbour whose memos match
 * every search; the table is deleted before it returns or throws.
 */
export async function measureSearch(
  store: { endpoint: string; description: string },
  settings: SearchSettings,
  log: (line: string) => void,
): Promise<SearchFigures> {
  const started = performance.now();
  const client = emulatorClient(store.endpoint);
  const config = {
    tableName: `memoSearch-${randomUUID().slice(0, 8)}`,
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    pageTokenKey: BENCH_PAGE_TOKEN_SECRET,
    tombstoneRetentionDays: DEFAULT_TOMBSTONE_RETENTION_DAYS,
  };
  const memoStore = createMemoStore(config);
  try {
    await ensureMemoTable(config);
    const base = Date.now() - 86_400_000;
    const owners = settings.sizes.map((memos) => ({ ownerId: randomUUID(), memos }));
    const neighbour = randomUUID();
    const memos = [
      ...owners.flatMap(({ ownerId, memos }) => Array.from({ length: memos }, (_, i) => searchMemo(ownerId, i, base))),
      ...Array.from({ length: settings.neighbourMemos }, (_, i) => searchMemo(neighbour, i, base, true)),
    ];
    const items = memos.map(toItem);
    log(`search: loading ${items.length.toLocaleString('en-US')} memos (owners of ${settings.sizes.join(' / ')} and a neighbour)…`);
    await bulkLoad(DynamoDBDocumentClient.from(client), config.tableName, items);
    const recorder = recordConsumedCapacity(memoStore.documentClient);
    try {
      const rows: SearchRow[] = [];
      for (const { ownerId, memos } of owners) {
        log(`search: first pages over ${memos.toLocaleString('en-US')} memos…`);
        const search = searchClient(memoStore, ownerId);
        try {
          // One unmeasured search first, so the first measured one does not pay for the process's first call.
          await search.firstPage(recorder, { query: SEARCH_TERMS.common, limit: SEARCH_PAGE_LIMIT });
          for (const { kind, args, carries: test } of SEARCHES) {
            const firstPage = await repeated(kind, settings.repeats, () =>
              search.firstPage(recorder, { ...args, limit: SEARCH_PAGE_LIMIT }),
            );
            rows.push({ memos, kind, matching: countCarrying(memos, test), firstPage });
          }
        } finally {
          search.stop();
        }
      }
      const largestQuery = Math.max(...rows.map((row) => row.firstPage.largestQueryItems));
      const whole = rows.filter((row) => row.kind === 'no match').at(-1)!.firstPage;
      const handlerMsPerMemo = round(Math.max(0, whole.ms - whole.storeMs) / Math.max(1, whole.itemsRead), 4);
      const cpu = handlerCpu(
        memos.filter((memo) => memo.ownerId !== neighbour),
        SEARCH_TERMS.absent,
      );
      const designs = await measureDesigns({
        client,
        documentClient: memoStore.documentClient,
        recorder,
        memoTable: config.tableName,
        memos,
        owners,
        searches: SEARCHES,
        ownerIndexRows: rows,
        limit: SEARCH_PAGE_LIMIT,
        repeats: settings.repeats,
        log,
      });
      return {
        store: store.description,
        memoBytes: itemSizeBytes(items[0]!),
        limit: SEARCH_PAGE_LIMIT,
        neighbourMemos: settings.neighbourMemos,
        rows,
        addedWriteUnitsPerMemo: 0,
        limits: ASSUMED_QUERY_MS.map((queryMs) =>
          searchLimit({ queryMs, handlerMsPerMemo, budgetMs: SEARCH_BUDGET_MS, limit: SEARCH_PAGE_LIMIT, largestQuery }),
        ),
        handlerCpu: cpu,
        cpuLimits: [FUNCTION_MEMORY_MB, FULL_VCPU_MB].flatMap((memoryMb) =>
          ASSUMED_QUERY_MS.map((queryMs) => ({
            memoryMb,
            ...searchLimit({
              queryMs,
              handlerMsPerMemo: round((cpu.perMemoMs * FULL_VCPU_MB) / memoryMb, 4),
              budgetMs: SEARCH_BUDGET_MS,
              limit: SEARCH_PAGE_LIMIT,
              largestQuery,
            }),
          })),
        ),
        designs,
        elapsedSeconds: round((performance.now() - started) / 1000),
      };
    } finally {
      recorder.stop();
    }
  } finally {
    memoStore.destroy();
    await deleteTable(client, config.tableName);
    client.destroy();
  }
}

/** Runs a search `times`: every run must read alike (else the measurement is wrong), the median ms is kept. */
async function repeated(kind: SearchKind, times: number, run: () => Promise<SearchRun>): Promise<SearchRun> {
  const runs: SearchRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  const [first] = runs;
  const same = (a: SearchRun) => ({ ...a, ms: 0, storeMs: 0 });
  if (runs.some((r) => JSON.stringify(same(r)) !== JSON.stringify(same(first!)))) throw new Error(`${kind}: runs read differently`);
  // The median run whole, so its ms and storeMs belong together.
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const middle = runs.find((r) => r.ms === ms[Math.floor(ms.length / 2)])!;
  return middle;
}
