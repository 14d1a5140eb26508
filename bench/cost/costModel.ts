import { readFileSync } from 'node:fs';
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

/** What one operation consumes on AWS, per call. */
interface OperationUsage {
  /** Billed Lambda duration (warm), an assumption stated in the report. */
  lambdaMs: number;
  writeUnits: number;
  /** Read request units: eventually consistent reads cost half a unit per 4 KB. */
  readUnits: number;
}

/** The memo sizes priced: a short note, a page, and the largest memo the API accepts. */
export const ITEM_SIZES_KB = [1, 4, 64] as const;
const PAGE_SIZE = 20;

/** Warm-invocation Lambda durations assumed: one DynamoDB round trip (~5-10 ms in-region) plus handler work. */
export const LAMBDA_MS: Record<string, number> = { createMemo: 12, memo: 8, updateMemo: 12, deleteMemo: 12, listMemos: 20 };

/**
 * Usage per operation for memos of `itemSizeKb`: a write costs one write unit per KB (an update
 * is billed on the larger of the old and new item; both are taken to be this size), and as much
 * again in each index that projects the item (ours: the owner index, projecting ALL). GetItem,
 * Query and Scan are eventually consistent, half a read unit per 4 KB read; a list page reads
 * `listItemsRead` memos.
 */
export function operationUsage(itemSizeKb: number, { projectingIndexes, listItemsRead }: { projectingIndexes: number; listItemsRead: number }): Record<string, OperationUsage> {
  const write = Math.ceil(itemSizeKb) * (1 + projectingIndexes);
  const read = 0.5 * Math.ceil(itemSizeKb / 4);
  return {
    createMemo: { lambdaMs: LAMBDA_MS.createMemo!, writeUnits: write, readUnits: 0 },
    memo: { lambdaMs: LAMBDA_MS.memo!, writeUnits: 0, readUnits: read },
    updateMemo: { lambdaMs: LAMBDA_MS.updateMemo!, writeUnits: write, readUnits: 0 },
    deleteMemo: { lambdaMs: LAMBDA_MS.deleteMemo!, writeUnits: write, readUnits: 0 },
    listMemos: { lambdaMs: LAMBDA_MS.listMemos!, writeUnits: 0, readUnits: 0.5 * Math.ceil((listItemsRead * itemSizeKb) / 4) },
  };
}

export interface Design {
  name: string;
  lambdaMemoryMb: number;
  architecture: 'arm64' | 'x86_64';
  table: 'on-demand' | 'provisioned';
  /** Indexes every write also writes the item to (ours: the owner index listMemos queries). */
  projectingIndexes: number;
  /** Memos a list page reads: ours queries one more than the page, so it knows whether more follow. */
  listItemsRead: number;
}

export interface OperationCost {
  operation: string;
  appsync: number;
  lambda: number;
  dynamodb: number;
  total: number;
}

/**
 * Dollars per million calls of each operation. For a provisioned table the DynamoDB figure is
 * the capacity-hours a million calls need at 100 % utilisation: its best case, never reached.
 */
export function costPerMillion(design: Design, prices: PriceTable, itemSizeKb: number): OperationCost[] {
  const gbSecond = design.architecture === 'arm64' ? prices.lambda.perGbSecondArm64.price : prices.lambda.perGbSecondX86.price;
  return Object.entries(operationUsage(itemSizeKb, design)).map(([operation, usage]) => {
    const appsync = prices.appsync.perMillionRequests.price;
    const lambda =
      prices.lambda.perMillionRequests.price + (design.lambdaMemoryMb / 1024) * (usage.lambdaMs / 1000) * gbSecond * 1e6;
    const dynamodb =
      design.table === 'on-demand'
        ? usage.writeUnits * prices.dynamodb.perMillionWriteRequestUnits.price + usage.readUnits * prices.dynamodb.perMillionReadRequestUnits.price
        : ((usage.writeUnits * prices.dynamodb.perWcuHour.price + usage.readUnits * prices.dynamodb.perRcuHour.price) * 1e6) / 3600;
    return { operation, appsync: round(appsync, 4), lambda: round(lambda, 4), dynamodb: round(dynamodb, 4), total: round(appsync + lambda + dynamodb, 4) };
  });
}

/** Dollars per million calls of a workload mix, e.g. { memo: 0.7, listMemos: 0.1, createMemo: 0.1, updateMemo: 0.1 }. */
export function mixedCostPerMillion(costs: OperationCost[], mix: Record<string, number>): number {
  const total = costs.reduce((sum, cost) => sum + cost.total * (mix[cost.operation] ?? 0), 0);
  return round(total, 4);
}

/** 80 % reads, as a memo app mostly shows memos. */
export const READ_HEAVY_MIX = { memo: 0.6, listMemos: 0.2, createMemo: 0.1, updateMemo: 0.08, deleteMemo: 0.02 };

/** How long a provisioned 1 WCU / 1 RCU table needs to serve a million writes: it throttles beyond 1 write/s. */
export function provisionedDaysPerMillionWrites(writeCapacityUnits: number): number {
  return round(1e6 / writeCapacityUnits / 86_400, 1);
}

export interface CostFigures {
  pricesRetrieved: string;
  assumptions: { lambdaMsPerOperation: Record<string, number>; readHeavyMix: Record<string, number> };
  /** Each design at each memo size. */
  designs: { design: Design; itemSizeKb: number; perOperation: OperationCost[]; readHeavyMixPerMillion: number }[];
  seedProvisionedDaysPerMillionWrites: number;
}

/** Both designs at every memo size, with the assumptions behind them, as the report prints them. */
export function costFigures(lambdaMemoryMb: number): CostFigures {
  const prices = loadPrices();
  const designs: Design[] = [
    { name: 'ours: arm64 Lambda, on-demand table with an owner index', lambdaMemoryMb, architecture: 'arm64', table: 'on-demand', projectingIndexes: 1, listItemsRead: PAGE_SIZE + 1 },
    { name: 'seed: x86 Lambda (128 MB), provisioned 1 WCU/1 RCU table', lambdaMemoryMb: 128, architecture: 'x86_64', table: 'provisioned', projectingIndexes: 0, listItemsRead: PAGE_SIZE },
  ];
  return {
    pricesRetrieved: prices.retrieved,
    assumptions: { lambdaMsPerOperation: LAMBDA_MS, readHeavyMix: READ_HEAVY_MIX },
    designs: designs.flatMap((design) =>
      ITEM_SIZES_KB.map((itemSizeKb) => {
        const perOperation = costPerMillion(design, prices, itemSizeKb);
        return { design, itemSizeKb, perOperation, readHeavyMixPerMillion: mixedCostPerMillion(perOperation, READ_HEAVY_MIX) };
      }),
    ),
    seedProvisionedDaysPerMillionWrites: provisionedDaysPerMillionWrites(1),
  };
}
