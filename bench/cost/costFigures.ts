import { MEMO_OPERATIONS, type CapacityFigures, type MemoOperation } from '../capacity/capacityFigures.js';
import { feedIndexMinimum } from '../capacity/feedIndexMinimum.js';
import { DEPLOYED_DESIGN, designMinimum, SEED_DESIGN } from '../capacity/indexDesigns.js';
import { MEMO_SIZES_KB } from '../capacity/sizedMemo.js';
import {
  costPerMillion,
  LAMBDA_MS,
  mixedCostPerMillion,
  provisionedDaysPerMillionWrites,
  READ_HEAVY_MIX,
  type Design,
  type OperationCost,
  type OperationUnits,
} from './costModel.js';
import { loadPrices } from './priceTable.js';

export interface DesignCost {
  design: Design;
  itemSizeKb: number;
  perOperation: OperationCost[];
  readHeavyMixPerMillion: number;
  /** The mix's DynamoDB dollars per million calls, and the owner and feed indexes' parts of them. */
  readHeavyMixDynamodb: number;
  readHeavyMixDynamodbOwnerIndex: number;
  readHeavyMixDynamodbFeedIndex: number;
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
export function costFigures(
  lambdaMemoryMb: number,
  capacity?: CapacityFigures,
  lambdaMsPerOperation: Record<string, number> = LAMBDA_MS,
): CostFigures {
  const prices = loadPrices();
  const sizesKb = capacity ? capacity.sizes.map((size) => size.kb) : [...MEMO_SIZES_KB];
  const designs: { design: Design; units: 'ours' | 'seed' }[] = [
    {
      design: {
        name: 'ours: arm64 Lambda, on-demand table with an owner index and a feed index',
        lambdaMemoryMb,
        architecture: 'arm64',
        table: 'on-demand',
        ownerIndex: true,
      },
      units: 'ours',
    },
    {
      design: {
        name: 'seed: x86 Lambda (128 MB), provisioned 1 WCU/1 RCU table',
        lambdaMemoryMb: 128,
        architecture: 'x86_64',
        table: 'provisioned',
        ownerIndex: false,
      },
      units: 'seed',
    },
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
          readHeavyMixDynamodbFeedIndex: mixedCostPerMillion(perOperation, READ_HEAVY_MIX, 'dynamodbFeedIndex'),
        };
      }),
    ),
    seedProvisionedDaysPerMillionWrites: provisionedDaysPerMillionWrites(1),
  };
}

/**
 * The units each design consumes at memo size `kb`. Ours: what the handlers consumed on the table,
 * the owner index and the feed index. The seed's: the same calls' table units only (it had no
 * index), and for a list page its Scan of 20 memos. Without capacity figures: the pricing rules'
 * minimum for both.
 */
export function operationUnits(capacity: CapacityFigures | undefined, kb: number, design: 'ours' | 'seed'): OperationUnits {
  if (!capacity && design === 'seed') return designMinimum(SEED_DESIGN, kb).perOperation;
  if (!capacity) {
    const minimum = designMinimum(DEPLOYED_DESIGN, kb);
    const withFeed = (operation: MemoOperation) => ({
      ...minimum.perOperation[operation],
      feedIndex: feedIndexMinimum(operation, minimum.itemBytes),
    });
    return Object.fromEntries(MEMO_OPERATIONS.map((operation) => [operation, withFeed(operation)])) as OperationUnits;
  }
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
