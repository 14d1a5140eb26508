import { readFileSync } from 'node:fs';
import type { CapacityFigures, MemoOperation, TableAndIndexUnits } from '../capacity/capacityFigures.js';
import { DEPLOYED_DESIGN, designMinimum, SEED_DESIGN } from '../capacity/indexDesigns.js';
import { MEMO_SIZES_KB } from '../capacity/sizedMemo.js';
import { round } from '../stats.js';

interface Price {
  price: number;
  source: string;
}

export interface PriceTable {
  region: string;
  retrieved: string;
  appsync: { perMillionRequests: Price };
  lambda: { perMillionRequests: Price; perGbSecondArm64: Price; perGbSecondX86: Price };
  dynamodb: { perMillionWriteRequestUnits: Price; perMillionReadRequestUnits: Price; perWcuHour: Price; perRcuHour: Price };
}

export function loadPrices(): PriceTable {
  return JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')) as PriceTable;
}

/**
 * Warm-invocation Lambda durations assumed, ms: one DynamoDB round trip (~5-10 ms in-region)
 * plus handler work. The default until a measured figure is passed to costFigures.
 */
export const LAMBDA_MS: Record<string, number> = { createMemo: 12, memo: 8, updateMemo: 12, deleteMemo: 12, listMemos: 20 };

/** 80 % reads, as a memo app mostly shows memos. */
export const READ_HEAVY_MIX: Record<MemoOperation, number> = { memo: 0.6, listMemos: 0.2, createMemo: 0.1, updateMemo: 0.08, deleteMemo: 0.02 };

/** The capacity units each operation consumes per call, at one memo size. */
export type OperationUnits = Record<MemoOperation, TableAndIndexUnits>;

export interface Design {
  name: string;
  lambdaMemoryMb: number;
  architecture: 'arm64' | 'x86_64';
  table: 'on-demand' | 'provisioned';
  /** Whether the table has the owner index listMemos queries (the seed's had none: it scanned). */
  ownerIndex: boolean;
}

export interface OperationCost {
  operation: MemoOperation;
  appsync: number;
  lambda: number;
  /** Table and owner index together. */
  dynamodb: number;
  /** The owner index's part of `dynamodb`. */
  dynamodbOwnerIndex: number;
  total: number;
  /** The units priced (table and owner index, read and write). */
  units: TableAndIndexUnits;
}

/** DynamoDB on-demand dollars per million calls that each consume `units`: all of it, and the owner index's part. */
export function dynamoDbOnDemandPerMillion(units: TableAndIndexUnits, prices: PriceTable): { total: number; ownerIndex: number } {
  const { perMillionWriteRequestUnits: write, perMillionReadRequestUnits: read } = prices.dynamodb;
  const ownerIndex = units.index.write * write.price + units.index.read * read.price;
  return { total: units.table.write * write.price + units.table.read * read.price + ownerIndex, ownerIndex };
}

/**
 * Dollars per million calls of each operation. For a provisioned table the DynamoDB figure is
 * the capacity-hours a million calls need at 100 % utilisation: its best case, never reached.
 */
export function costPerMillion(design: Design, prices: PriceTable, units: OperationUnits, lambdaMsPerOperation: Record<string, number>): OperationCost[] {
  const gbSecond = design.architecture === 'arm64' ? prices.lambda.perGbSecondArm64.price : prices.lambda.perGbSecondX86.price;
  return (Object.keys(READ_HEAVY_MIX) as MemoOperation[]).map((operation) => {
    const used = units[operation];
    const lambdaMs = lambdaMsPerOperation[operation];
    if (lambdaMs === undefined) throw new Error(`no Lambda duration for ${operation}`);
    const appsync = prices.appsync.perMillionRequests.price;
    const lambda = prices.lambda.perMillionRequests.price + (design.lambdaMemoryMb / 1024) * (lambdaMs / 1000) * gbSecond * 1e6;
    const dynamodb = design.table === 'on-demand' ? dynamoDbOnDemandPerMillion(used, prices) : provisionedPerMillion(used, prices);
    return {
      operation,
      appsync: round(appsync, 4),
      lambda: round(lambda, 4),
      dynamodb: round(dynamodb.total, 4),
      dynamodbOwnerIndex: round(dynamodb.ownerIndex, 4),
      total: round(appsync + lambda + dynamodb.total, 4),
      units: used,
    };
  });
}

/** Capacity-hours per million calls on a provisioned table at 100 % utilisation. */
function provisionedPerMillion(units: TableAndIndexUnits, prices: PriceTable): { total: number; ownerIndex: number } {
  const hours = (u: { read: number; write: number }) => ((u.write * prices.dynamodb.perWcuHour.price + u.read * prices.dynamodb.perRcuHour.price) * 1e6) / 3600;
  const ownerIndex = hours(units.index);
  return { total: hours(units.table) + ownerIndex, ownerIndex };
}

/** Dollars per million calls of a workload mix, e.g. { memo: 0.7, listMemos: 0.1, createMemo: 0.1, updateMemo: 0.1 }. */
export function mixedCostPerMillion(costs: OperationCost[], mix: Record<string, number>, part: 'total' | 'dynamodb' | 'dynamodbOwnerIndex' = 'total'): number {
  const total = costs.reduce((sum, cost) => sum + cost[part] * (mix[cost.operation] ?? 0), 0);
  return round(total, 4);
}

/** How long a provisioned 1 WCU / 1 RCU table needs to serve a million writes: it throttles beyond 1 write/s. */
export function provisionedDaysPerMillionWrites(writeCapacityUnits: number): number {
  return round(1e6 / writeCapacityUnits / 86_400, 1);
}

/**
 * The units each design consumes at memo size `kb`. Ours: what the handlers consumed on the table
 * and the owner index. The seed's: the same calls' table units only (it had no index), and for a
 * list page its Scan of 20 memos. Without capacity figures: the pricing rules' minimum for both.
 */
export function operationUnits(capacity: CapacityFigures | undefined, kb: number, design: 'ours' | 'seed'): OperationUnits {
  if (!capacity) return designMinimum(design === 'ours' ? DEPLOYED_DESIGN : SEED_DESIGN, kb).perOperation;
  const units = {} as OperationUnits;
  for (const row of capacity.handlers.filter((handler) => handler.kb === kb)) {
    const used = row.measured ?? row.minimum;
    units[row.operation] = design === 'ours' ? used : { table: used.table, index: { read: 0, write: 0 } };
  }
  if (design === 'seed') {
    const seedList = capacity.indexDesigns.find((row) => row.design === SEED_DESIGN.design && row.kb === kb)?.perOperation.listMemos;
    if (!seedList) throw new Error(`no seed list page in the capacity figures at ${kb} KB`);
    units.listMemos = seedList.measured ?? seedList.minimum;
  }
  for (const operation of Object.keys(READ_HEAVY_MIX) as MemoOperation[]) {
    if (!units[operation]) throw new Error(`no capacity units for ${operation} at ${kb} KB`);
  }
  return units;
}

export interface DesignCost {
  design: Design;
  itemSizeKb: number;
  perOperation: OperationCost[];
  readHeavyMixPerMillion: number;
  /** The mix's DynamoDB dollars per million calls, and the owner index's part of them. */
  readHeavyMixDynamodb: number;
  readHeavyMixDynamodbOwnerIndex: number;
}

export interface CostFigures {
  pricesRetrieved: string;
  /** Where the units come from: measured on a store, or the pricing rules' minimum (measurement skipped). */
  units: { source: 'measured' | 'minimum'; store: string; skippedReason: string | null };
  assumptions: { lambdaMsPerOperation: Record<string, number>; readHeavyMix: Record<string, number> };
  /** Each design at each memo size. */
  designs: DesignCost[];
  seedProvisionedDaysPerMillionWrites: number;
}

/**
 * Both designs at every memo size the capacity figures hold, priced on their units (measured on
 * DynamoDB Local; the rules' minimum when that was skipped) and the Lambda durations given.
 *
 * @param capacity what measureCapacity returned; without it the units are the rules' minimum
 * @param lambdaMsPerOperation warm Lambda duration per operation, ms (default: LAMBDA_MS, assumed)
 */
export function costFigures(lambdaMemoryMb: number, capacity?: CapacityFigures, lambdaMsPerOperation: Record<string, number> = LAMBDA_MS): CostFigures {
  const prices = loadPrices();
  const sizesKb = capacity ? capacity.sizes.map((size) => size.kb) : [...MEMO_SIZES_KB];
  const designs: { design: Design; units: 'ours' | 'seed' }[] = [
    { design: { name: 'ours: arm64 Lambda, on-demand table with an owner index', lambdaMemoryMb, architecture: 'arm64', table: 'on-demand', ownerIndex: true }, units: 'ours' },
    { design: { name: 'seed: x86 Lambda (128 MB), provisioned 1 WCU/1 RCU table', lambdaMemoryMb: 128, architecture: 'x86_64', table: 'provisioned', ownerIndex: false }, units: 'seed' },
  ];
  return {
    pricesRetrieved: prices.retrieved,
    units: capacity
      ? { source: capacity.unitsSource, store: capacity.store, skippedReason: capacity.skippedReason }
      : { source: 'minimum', store: 'none', skippedReason: 'costFigures was given no capacity figures' },
    assumptions: { lambdaMsPerOperation, readHeavyMix: READ_HEAVY_MIX },
    designs: designs.flatMap(({ design, units }) =>
      sizesKb.map((kb) => {
        const perOperation = costPerMillion(design, prices, operationUnits(capacity, kb, units), lambdaMsPerOperation);
        return {
          design,
          itemSizeKb: kb,
          perOperation,
          readHeavyMixPerMillion: mixedCostPerMillion(perOperation, READ_HEAVY_MIX),
          readHeavyMixDynamodb: mixedCostPerMillion(perOperation, READ_HEAVY_MIX, 'dynamodb'),
          readHeavyMixDynamodbOwnerIndex: mixedCostPerMillion(perOperation, READ_HEAVY_MIX, 'dynamodbOwnerIndex'),
        };
      }),
    ),
    seedProvisionedDaysPerMillionWrites: provisionedDaysPerMillionWrites(1),
  };
}
