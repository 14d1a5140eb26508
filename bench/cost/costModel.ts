import type { MemoOperation, TableAndIndexUnits } from '../capacity/capacityFigures.js';
import { round } from '../stats.js';
import type { PriceTable } from './priceTable.js';

/**
 * Warm-invocation Lambda durations assumed, ms: one DynamoDB round trip (~5-10 ms in-region)
 * plus handler work. The default until a measured figure is passed to costFigures.
 */
export const LAMBDA_MS: Record<string, number> = { createMemo: 12, memo: 8, updateMemo: 12, deleteMemo: 12, listMemos: 20 };

/** 80 % reads, as a memo app mostly shows memos. */
export const READ_HEAVY_MIX: Record<MemoOperation, number> = {
  memo: 0.6,
  listMemos: 0.2,
  createMemo: 0.1,
  updateMemo: 0.08,
  deleteMemo: 0.02,
};

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
  /** The change feed index's part of `dynamodb` (byOwnerChange: every write moves its entry). */
  dynamodbFeedIndex: number;
  total: number;
  /** The units priced (table, owner index and feed index, read and write). */
  units: TableAndIndexUnits;
}

/** DynamoDB on-demand dollars per million calls that each consume `units`: all of it, and each index's part. */
export function dynamoDbOnDemandPerMillion(
  units: TableAndIndexUnits,
  prices: PriceTable,
): { total: number; ownerIndex: number; feedIndex: number } {
  const { perMillionWriteRequestUnits: write, perMillionReadRequestUnits: read } = prices.dynamodb;
  const priced = (used: { read: number; write: number }) => used.write * write.price + used.read * read.price;
  const ownerIndex = priced(units.index);
  const feedIndex = units.feedIndex ? priced(units.feedIndex) : 0;
  return { total: priced(units.table) + ownerIndex + feedIndex, ownerIndex, feedIndex };
}

/**
 * Dollars per million calls of each operation. For a provisioned table the DynamoDB figure is
 * the capacity-hours a million calls need at 100 % utilisation: its best case, never reached.
 */
export function costPerMillion(
  design: Design,
  prices: PriceTable,
  units: OperationUnits,
  lambdaMsPerOperation: Record<string, number>,
): OperationCost[] {
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
      dynamodbFeedIndex: round(dynamodb.feedIndex, 4),
      total: round(appsync + lambda + dynamodb.total, 4),
      units: used,
    };
  });
}

/** Capacity-hours per million calls on a provisioned table at 100 % utilisation. */
function provisionedPerMillion(units: TableAndIndexUnits, prices: PriceTable): { total: number; ownerIndex: number; feedIndex: number } {
  const hours = (u: { read: number; write: number }) =>
    ((u.write * prices.dynamodb.perWcuHour.price + u.read * prices.dynamodb.perRcuHour.price) * 1e6) / 3600;
  const ownerIndex = hours(units.index);
  const feedIndex = units.feedIndex ? hours(units.feedIndex) : 0;
  return { total: hours(units.table) + ownerIndex + feedIndex, ownerIndex, feedIndex };
}

/** Dollars per million calls of a workload mix, e.g. { memo: 0.7, listMemos: 0.1, createMemo: 0.1, updateMemo: 0.1 }. */
export function mixedCostPerMillion(
  costs: OperationCost[],
  mix: Record<string, number>,
  part: 'total' | 'dynamodb' | 'dynamodbOwnerIndex' | 'dynamodbFeedIndex' = 'total',
): number {
  const total = costs.reduce((sum, cost) => sum + cost[part] * (mix[cost.operation] ?? 0), 0);
  return round(total, 4);
}

/** How long a provisioned 1 WCU / 1 RCU table needs to serve a million writes: it throttles beyond 1 write/s. */
export function provisionedDaysPerMillionWrites(writeCapacityUnits: number): number {
  return round(1e6 / writeCapacityUnits / 86_400, 1);
}
