import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callUnits } from '../capacity/callUnits.js';
import type { CapacityRecorder } from '../capacity/consumedCapacity.js';
import { deleteTable } from '../capacity/designTables.js';
import { searchFilter, type MemoRecord } from '../resolverSeam.js';
import { round } from '../stats.js';
import { bulkLoad } from '../sync/bulkLoad.js';
import { createLookupTable, distinctWords, lookupItem, LOOKUP_DESIGNS, tagLookupKey, wordLookupKey } from './lookupLayouts.js';
import { lookupFirstPage } from './lookupSearch.js';
import { measureLookupWrites } from './lookupWrites.js';
import { SEARCH_TERMS } from './searchCorpus.js';
import type { DesignRow, DesignFigures, SearchKind, SearchRow } from './searchFigures.js';

/** What measureSearch hands over: its table, loaded, and the owner index's rows measured on it. */
export interface DesignInput {
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  recorder: CapacityRecorder;
  memoTable: string;
  /** Every memo loaded, the neighbour's included. */
  memos: readonly MemoRecord[];
  owners: readonly { ownerId: string; memos: number }[];
  searches: readonly { kind: SearchKind; args: { query?: string; tags?: string[] } }[];
  ownerIndexRows: readonly SearchRow[];
  limit: number;
  repeats: number;
  log: (line: string) => void;
}

/**
 * Issue 20, item 2, the alternatives measured beside the deployed design: the same searches' first
 * pages on the lookup layouts (bench/search/lookupLayouts.ts), on the same memos, plus their write
 * cost. The lookup table holds only the items of the terms searched (each term's items are one
 * partition of their own: the other words' partitions are never read, so leaving them out changes
 * no read); the write figures count every item. The lookup table is deleted before it returns.
 */
export async function measureDesigns(input: DesignInput): Promise<DesignFigures> {
  const lookupTable = `memoLookup-${randomUUID().slice(0, 8)}`;
  try {
    await createLookupTable(input.client, lookupTable);
    const items = input.memos.flatMap((memo) => searchedLookupItems(memo));
    input.log(`search: loading ${items.length.toLocaleString('en-US')} lookup items of the terms searched…`);
    await bulkLoad(input.documentClient, lookupTable, items);
    const source = { documentClient: input.documentClient, memoTable: input.memoTable, lookupTable };
    const rows: DesignRow[] = input.ownerIndexRows.map((row) => ({ design: 'owner index', ...designRun(row) }));
    for (const design of LOOKUP_DESIGNS)
      for (const { ownerId, memos } of input.owners)
        for (const { kind, args } of input.searches) {
          const filter = searchFilter(args.query, args.tags);
          const runs: Omit<DesignRow, 'design' | 'memos' | 'kind'>[] = [];
          for (let i = 0; i < input.repeats; i++) {
            input.recorder.take();
            const started = performance.now();
            const page = await lookupFirstPage(source, design, ownerId, filter, input.limit);
            const ms = round(performance.now() - started, 1);
            const requests = input.recorder.take();
            if (!page) break;
            if (page.items.some((item) => item.ownerId !== ownerId)) throw new Error(`${design}: another owner's memo returned`);
            const { units } = callUnits(requests);
            runs.push({
              requests: requests.length,
              batchGets: requests.filter((request) => request.action === 'BatchGetItem').length,
              readUnits: units.table.read + units.index.read,
              received: page.items.length,
              hasNextToken: page.hasNextPage,
              ms,
            });
          }
          const ownerIndexRow = input.ownerIndexRows.find((row) => row.memos === memos && row.kind === kind)!;
          rows.push({ design, ...(runs.length === 0 ? { ...designRun(ownerIndexRow), asOwnerIndex: true } : median(kind, runs, memos)) });
        }
    const writes = await measureLookupWrites(input.documentClient, { memoTable: input.memoTable, lookupTable }, randomUUID());
    return { rows, ...writes };
  } finally {
    await deleteTable(input.client, lookupTable);
  }
}

/** The lookup items of the terms the searches look for, the absent word's included (the neighbour holds it). */
function searchedLookupItems(memo: MemoRecord): Record<string, string>[] {
  const words = new Set(distinctWords(memo));
  const keys = [
    ...(memo.tags.includes(SEARCH_TERMS.tag) ? [tagLookupKey(memo.ownerId, SEARCH_TERMS.tag)] : []),
    ...[SEARCH_TERMS.rare, SEARCH_TERMS.common, SEARCH_TERMS.absent]
      .filter((word) => words.has(word))
      .map((word) => wordLookupKey(memo.ownerId, word)),
  ];
  return keys.map((key) => lookupItem(key, memo));
}

function designRun(row: SearchRow): Omit<DesignRow, 'design'> {
  const { requests, readUnits, received, hasNextToken, ms } = row.firstPage;
  return { memos: row.memos, kind: row.kind, requests, batchGets: 0, readUnits, received, hasNextToken, ms };
}

/** The median run: every run must read alike, else the measurement is wrong. */
function median(kind: SearchKind, runs: Omit<DesignRow, 'design' | 'memos' | 'kind'>[], memos: number): Omit<DesignRow, 'design'> {
  const same = (run: (typeof runs)[number]) => JSON.stringify({ ...run, ms: 0 });
  if (runs.some((run) => same(run) !== same(runs[0]!))) throw new Error(`${kind}: runs read differently`);
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { memos, kind, ...sorted[Math.floor(sorted.length / 2)]! };
}
