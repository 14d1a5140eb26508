import type { CapacityRule } from './capacityRules.js';
import type { Units } from './consumedCapacity.js';

export type { CapacityRule } from './capacityRules.js';
export type { Units } from './consumedCapacity.js';

/** The memo operations, each one GraphQL field and one Lambda. */
export const MEMO_OPERATIONS = ['createMemo', 'memo', 'updateMemo', 'listMemos', 'deleteMemo'] as const;
export type MemoOperation = (typeof MEMO_OPERATIONS)[number];

/** Units on the table and on the owner index (byOwner) for one call. */
export interface TableAndIndexUnits {
  table: Units;
  index: Units;
  /**
   * The change feed's index (byOwnerChange), where the table has it: the handlers' rows and the
   * cost model. The owner-index designs compare tables without it.
   */
  feedIndex?: Units;
}

/** One memo size as measured: the stored item's bytes by DynamoDB's rule. */
export interface MeasuredItemSize {
  kb: number;
  itemBytes: number;
  contentBytes: number;
}

/** One operation at one memo size, run through the real handler (and the APPSYNC_JS resolver). */
export interface HandlerRow {
  operation: MemoOperation;
  kb: number;
  /** The DynamoDB requests one call sent, e.g. ['PutItem']. */
  requests: string[];
  /** Units one call consumed; null when the measurement was skipped. */
  measured: TableAndIndexUnits | null;
  /** What DynamoDB's pricing rules charge at the least for this call. */
  minimum: TableAndIndexUnits;
  /** Calls measured; every one of them consumed `measured` (a differing call fails the measurement). */
  calls: number;
  /** listMemos: the memos the page's Query read (its Limit is the page + 1; the 1 MB cap can cut it). */
  itemsRead?: number;
}

export type IndexDesignName = 'ALL' | 'INCLUDE' | 'KEYS_ONLY' | 'INCLUDE without content' | 'no index (seed)';

/** One owner-index design at one memo size, with the store's requests issued raw. */
export interface IndexDesignRow {
  design: IndexDesignName;
  kb: number;
  /** How a list page is read with this design. */
  listRequests: string[];
  /** Memos one list page returned (measured; the rules' when skipped), and items its Query or Scan read. */
  pageMemos: number;
  itemsRead: number;
  /** Memos a page holds by the documented 1 MB cap, which applies to the data a Query returns. */
  rulePageMemos: number;
  /** Each operation's units; listMemos's minimum is the rules' for the items the page did read. */
  perOperation: Record<MemoOperation, { measured: TableAndIndexUnits | null; minimum: TableAndIndexUnits }>;
  /**
   * DynamoDB on-demand dollars per million calls of the read-heavy mix, from measured units
   * (minimum when skipped), a list call priced per full page (PAGE_SIZE memos listed): where the
   * 1 MB cap cuts pages short, listing as many memos takes more calls.
   */
  readHeavyMixPerMillion: number;
}

export interface IndexDesignInfo {
  design: IndexDesignName;
  /** Whether a page holds whole memos, as listMemos must return (content included). */
  servesList: boolean;
  note: string;
}

/** The cheapest design that serves listMemos, per memo size. */
export interface ProjectionVerdict {
  kb: number;
  cheapest: IndexDesignName;
  /** Read-heavy mix, DynamoDB dollars per million calls, for each design that serves the list. */
  perMillion: Partial<Record<IndexDesignName, number>>;
}

/**
 * Capacity units measured on DynamoDB Local (or skipped, with why), next to the minimum the
 * pricing rules allow, and the owner-index projection chosen by them. JSON-serialisable: it
 * goes into the bench results as it is.
 */
export interface CapacityFigures {
  status: 'measured' | 'skipped';
  /** The store measured on, e.g. 'DynamoDB Local (dynamodb_local_2026-05-28)'. */
  store: string;
  skippedReason: string | null;
  /** Whether units come from the store ('measured') or, when skipped, from the rules ('minimum'). */
  unitsSource: 'measured' | 'minimum';
  rules: CapacityRule[];
  sizes: MeasuredItemSize[];
  handlers: HandlerRow[];
  designs: IndexDesignInfo[];
  indexDesigns: IndexDesignRow[];
  verdict: ProjectionVerdict[];
  /** The mix the verdict prices. */
  readHeavyMix: Record<string, number>;
  elapsedSeconds: number;
}
