import { describe, expect, it } from 'vitest';
import type { CapacityFigures, TableAndIndexUnits } from '../../../bench/capacity/capacityFigures.js';
import { skippedFigures } from '../../../bench/capacity/assembleFigures.js';
import { costFigures, operationUnits } from '../../../bench/cost/costFigures.js';
import {
  costPerMillion,
  dynamoDbOnDemandPerMillion,
  LAMBDA_MS,
  mixedCostPerMillion,
  READ_HEAVY_MIX,
  type Design,
  type OperationUnits,
} from '../../../bench/cost/costModel.js';
import { loadPrices } from '../../../bench/cost/priceTable.js';
import { costReportLines } from '../../../bench/cost/costReport.js';

const prices = loadPrices();
const units = (tableRead: number, tableWrite: number, indexRead = 0, indexWrite = 0): TableAndIndexUnits => ({
  table: { read: tableRead, write: tableWrite },
  index: { read: indexRead, write: indexWrite },
});
const ours: Design = { name: 'ours', lambdaMemoryMb: 512, architecture: 'arm64', table: 'on-demand', ownerIndex: true };
const given: OperationUnits = {
  createMemo: units(0, 4, 0, 4),
  memo: units(0.5, 0),
  updateMemo: units(0, 4, 0, 4),
  listMemos: units(0, 0, 10.5, 0),
  deleteMemo: units(0, 4, 0, 4),
};

/** Capacity figures whose units are the given ones ("measured"), everything else the rules'. */
function measuredFigures(measured: (operation: string, kb: number) => TableAndIndexUnits): CapacityFigures {
  const figures: CapacityFigures = {
    ...skippedFigures('test'),
    store: 'test store',
    elapsedSeconds: 0,
    status: 'measured',
    skippedReason: null,
    unitsSource: 'measured',
  };
  for (const row of figures.handlers) row.measured = measured(row.operation, row.kb);
  for (const row of figures.indexDesigns)
    for (const [operation, pair] of Object.entries(row.perOperation)) pair.measured = measured(operation, row.kb);
  return figures;
}

describe('the cost model, fed with given units', () => {
  it('prices on-demand units at $0.625 per million writes and $0.125 per million reads, the owner index apart', () => {
    expect(dynamoDbOnDemandPerMillion(units(0.5, 0), prices)).toEqual({ total: 0.0625, ownerIndex: 0, feedIndex: 0 });
    expect(dynamoDbOnDemandPerMillion(units(0, 4, 0, 4), prices)).toEqual({ total: 5, ownerIndex: 2.5, feedIndex: 0 });
    expect(dynamoDbOnDemandPerMillion(units(0, 0, 10.5, 0), prices)).toEqual({ total: 1.3125, ownerIndex: 1.3125, feedIndex: 0 });
  });

  it('prices the feed index apart, inside the total', () => {
    const withFeed = { ...units(0, 1, 0, 1), feedIndex: { read: 0, write: 2 } };
    expect(dynamoDbOnDemandPerMillion(withFeed, prices)).toEqual({ total: 2.5, ownerIndex: 0.625, feedIndex: 1.25 });
  });

  it('adds AppSync, Lambda (GB-seconds of the given durations) and DynamoDB per operation', () => {
    const create = costPerMillion(ours, prices, given, LAMBDA_MS).find((cost) => cost.operation === 'createMemo')!;
    // Lambda: $0.20 per million requests + 0.5 GB × 0.012 s × $0.0000133334 per GB-s, a million times.
    expect(create).toMatchObject({ appsync: 4, lambda: 0.28, dynamodb: 5, dynamodbOwnerIndex: 2.5, total: 9.28, units: units(0, 4, 0, 4) });
  });

  it('takes the Lambda durations it is given instead of the assumed ones', () => {
    const slow = costPerMillion(ours, prices, given, { ...LAMBDA_MS, memo: 80 }).find((cost) => cost.operation === 'memo')!;
    expect(slow.lambda).toBe(0.7333);
    expect(() => costPerMillion(ours, prices, given, { memo: 8 })).toThrow(/no Lambda duration for/);
  });

  it('prices a provisioned table by the capacity-hours a million calls need', () => {
    const seed: Design = { name: 'seed', lambdaMemoryMb: 128, architecture: 'x86_64', table: 'provisioned', ownerIndex: false };
    const create = costPerMillion(seed, prices, { ...given, createMemo: units(0, 1) }, LAMBDA_MS).find(
      (cost) => cost.operation === 'createMemo',
    )!;
    // 1 WCU-second per call: a million of them at $0.00065 per WCU-hour.
    expect(create.dynamodb).toBe(0.1806);
  });

  it('weighs the operations by the mix', () => {
    const costs = costPerMillion(ours, prices, given, LAMBDA_MS);
    const dynamodb = 0.6 * 0.0625 + 0.2 * 1.3125 + (0.1 + 0.08 + 0.02) * 5;
    expect(mixedCostPerMillion(costs, READ_HEAVY_MIX, 'dynamodb')).toBe(Number(dynamodb.toFixed(4)));
    expect(mixedCostPerMillion(costs, READ_HEAVY_MIX, 'dynamodbOwnerIndex')).toBe(Number((0.2 * 1.3125 + 0.2 * 2.5).toFixed(4)));
  });
});

describe('costFigures', () => {
  it('prices our design on the measured table and owner-index units, not the rules', () => {
    const figures = measuredFigures((operation) => (operation === 'createMemo' ? units(0, 2, 0, 3) : units(0.5, 0)));
    const cost = costFigures(512, figures);
    const create = cost.designs
      .find((entry) => entry.design.ownerIndex && entry.itemSizeKb === 4)!
      .perOperation.find((entry) => entry.operation === 'createMemo')!;
    expect(create).toMatchObject({ dynamodb: 3.125, dynamodbOwnerIndex: 1.875, units: units(0, 2, 0, 3) });
    expect(cost.units).toEqual({ source: 'measured', store: 'test store', skippedReason: null });
  });

  it("prices the seed on the same calls' table units only, and its list page on its Scan", () => {
    const figures = measuredFigures((operation, kb) => (operation === 'listMemos' ? units(kb / 2, 0) : units(0, kb, 0, kb)));
    const seedUnits = operationUnits(figures, 4, 'seed');
    expect(seedUnits.createMemo).toEqual(units(0, 4));
    expect(seedUnits.listMemos).toEqual(units(2, 0));
    const seed = costFigures(128, figures).designs.find((entry) => !entry.design.ownerIndex && entry.itemSizeKb === 4)!;
    expect(seed.perOperation.map((entry) => entry.dynamodbOwnerIndex)).toEqual([0, 0, 0, 0, 0]);
  });

  it('falls back to the rules’ minimum, and says so, without capacity figures', () => {
    const cost = costFigures(512);
    expect(cost.units.source).toBe('minimum');
    expect(cost.designs).toHaveLength(2 * 3);
    const create = cost.designs
      .find((entry) => entry.design.ownerIndex && entry.itemSizeKb === 4)!
      .perOperation.find((entry) => entry.operation === 'createMemo')!;
    // The rules' minimum on the deployed table: a create puts one 4 KB entry in each index.
    expect(create.units).toEqual({ ...units(0, 4, 0, 4), feedIndex: { read: 0, write: 4 } });
    expect(cost.seedProvisionedDaysPerMillionWrites).toBe(11.6);
  });

  it('prints the owner and feed index shares, and warns when units were not measured', () => {
    const measured = costReportLines(
      costFigures(
        512,
        measuredFigures(() => ({ ...units(0, 1, 0, 1), feedIndex: { read: 0, write: 2 } })),
      ),
    ).join('\n');
    expect(measured).toContain('capacity units measured on test store');
    expect(measured).toMatch(
      /\| createMemo +\| [\d.]+ +\| [\d.]+ +\| [\d.]+ +\| [\d.+ ]+\| 25 % \/ 25 % \/ 25 % +\| 50 % \/ 50 % \/ 50 % +\|/,
    );
    expect(measured).toContain('owner index 25 % and feed index 50 % of it');
    expect(costReportLines(costFigures(512)).join('\n')).toContain(
      "the pricing rules' minimum, NOT measured (costFigures was given no capacity figures)",
    );
  });
});
