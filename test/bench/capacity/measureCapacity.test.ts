import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CapacityFigures, IndexDesignName, MemoOperation, TableAndIndexUnits } from '../../../bench/capacity/capacityFigures.js';
import { capacityReportLines } from '../../../bench/capacity/capacityReport.js';
import { emulatorClient } from '../../../bench/capacity/designTables.js';
import { measureCapacity } from '../../../bench/capacity/measureCapacity.js';
import { MEMO_SIZES_KB } from '../../../bench/capacity/sizedMemo.js';
import { TEST_STORE } from '../../helpers/testStore.js';

const endpoint = inject('dynamodbEndpoint');
let figures: CapacityFigures;
let tablesBefore: string[];

// The real measurement, on this run's store: DynamoDB Local measures; dynalite, which reports no
// index units on writes, must make it skip. Units only, never times.
beforeAll(async () => {
  tablesBefore = await measurementTables();
  figures = await measureCapacity({ quick: true, log: () => {}, store: { endpoint, description: TEST_STORE } });
}, 60_000);

/** The tables measureCapacity names (memoCapacity-…) on the store right now. */
async function measurementTables(): Promise<string[]> {
  const client = emulatorClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    return TableNames.filter((name) => name.startsWith('memoCapacity'));
  } finally {
    client.destroy();
  }
}

const units = (tableRead: number, tableWrite: number, indexRead: number, indexWrite: number): TableAndIndexUnits => ({
  table: { read: tableRead, write: tableWrite },
  index: { read: indexRead, write: indexWrite },
});

describe('measureCapacity', () => {
  it('leaves no table behind', async () => {
    expect((await measurementTables()).filter((name) => !tablesBefore.includes(name))).toEqual([]);
  });

  it('has the minimum of every operation at every size, measured or not', () => {
    expect(figures.handlers).toHaveLength(5 * MEMO_SIZES_KB.length);
    expect(figures.indexDesigns).toHaveLength(5 * MEMO_SIZES_KB.length);
    expect(figures.verdict.map((verdict) => verdict.kb)).toEqual([...MEMO_SIZES_KB]);
    expect(capacityReportLines(figures).join('\n')).toContain('Rules the minimum follows');
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe.runIf(TEST_STORE === 'dynalite')('measureCapacity on dynalite', () => {
  it('skips, saying why: no index units on writes', () => {
    expect(figures).toMatchObject({ status: 'skipped', unitsSource: 'minimum' });
    expect(figures.skippedReason).toContain('GlobalSecondaryIndexes is missing');
    expect(figures.handlers.every((row) => row.measured === null)).toBe(true);
    expect(capacityReportLines(figures)[0]).toContain('NOT MEASURED');
  });
});

describe.runIf(TEST_STORE === 'dynamodb-local')('measureCapacity on DynamoDB Local', () => {
  it('measures items of exactly 1, 4 and 64 KB', () => {
    expect(figures.status).toBe('measured');
    expect(figures.sizes.map((size) => size.itemBytes)).toEqual(MEMO_SIZES_KB.map((kb) => kb * 1024));
  });

  it.each([
    ['createMemo', 4, ['PutItem'], units(0, 4, 0, 4)],
    ['createMemo', 64, ['PutItem'], units(0, 64, 0, 64)],
    ['memo', 1, ['GetItem'], units(0.5, 0, 0, 0)],
    ['memo', 64, ['GetItem'], units(8, 0, 0, 0)],
    ['updateMemo', 4, ['UpdateItem'], units(0, 4, 0, 4)],
    ['listMemos', 1, ['Query'], units(0, 0, 3, 0)],
    ['listMemos', 4, ['Query'], units(0, 0, 10.5, 0)],
    ['listMemos', 64, ['Query'], units(0, 0, 128, 0)],
    // A tombstone: one UpdateItem on the larger item (the memo before), its list-index entry removed.
    ['deleteMemo', 1, ['UpdateItem'], units(0, 1, 0, 1)],
  ] as const)('runs the %s handler on %i KB memos for exactly the rules’ units', (operation, kb, requests, expected) => {
    const row = figures.handlers.find((candidate) => candidate.operation === operation && candidate.kb === kb)!;
    expect(row).toMatchObject({ requests, measured: expected, minimum: expected });
  });

  it.each([
    ['createMemo', 64, { read: 0, write: 64 }],
    ['updateMemo', 4, { read: 0, write: 8 }],
    ['deleteMemo', 1, { read: 0, write: 2 }],
    ['deleteMemo', 64, { read: 0, write: 65 }],
    ['listMemos', 4, { read: 0, write: 0 }],
  ] as const)('moves the feed index entry on every write: %s of %i KB memos', (operation, kb, expected) => {
    // The entry's sort key is the change time: an update or delete removes the old entry and puts a new one.
    const row = figures.handlers.find((candidate) => candidate.operation === operation && candidate.kb === kb)!;
    expect(row.measured!.feedIndex).toEqual(expected);
  });

  it('measures every handler call at the rules’ minimum', () => {
    for (const row of figures.handlers)
      expect({ ...row.measured, at: `${row.operation} ${row.kb} KB` }).toEqual({ ...row.minimum, at: `${row.operation} ${row.kb} KB` });
  });

  it('measures every index design at the rules’ minimum, the raw ALL requests at the handlers’ units', () => {
    for (const row of figures.indexDesigns) {
      for (const [operation, pair] of Object.entries(row.perOperation)) {
        expect({ ...pair.measured, at: `${row.design} ${operation} ${row.kb} KB` }).toEqual({
          ...pair.minimum,
          at: `${row.design} ${operation} ${row.kb} KB`,
        });
      }
      if (row.design !== 'ALL') continue;
      for (const [operation, pair] of Object.entries(row.perOperation)) {
        // The design tables have the owner index only; the handlers' table has the feed index too.
        const { feedIndex: _feedIndex, ...handlerUnits } = figures.handlers.find(
          (handler) => handler.operation === operation && handler.kb === row.kb,
        )!.measured!;
        expect(pair.measured).toEqual(handlerUnits);
      }
    }
  });

  it.each([
    ['KEYS_ONLY', 'updateMemo', 4, units(0, 4, 0, 0)],
    ['KEYS_ONLY', 'createMemo', 64, units(0, 64, 0, 1)],
    ['KEYS_ONLY', 'listMemos', 1, units(10, 0, 0.5, 0)],
    ['INCLUDE without content', 'updateMemo', 64, units(0, 64, 0, 1)],
    ['no index (seed)', 'createMemo', 4, units(0, 4, 0, 0)],
  ] as const)(
    'writes and reads the %s index as projected: %s of %i KB memos',
    (design: IndexDesignName, operation: MemoOperation, kb, expected) => {
      expect(figures.indexDesigns.find((row) => row.design === design && row.kb === kb)!.perOperation[operation].measured).toEqual(
        expected,
      );
    },
  );
});
