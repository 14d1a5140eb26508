import type { LookupDesign } from './lookupLayouts.js';
import type { LookupWrite, ProseShape } from './lookupWrites.js';
import type { HandlerCpu } from './matchingCost.js';

/** Issue 20, item 2: what searchMemos costs on DynamoDB Local, per owner size and kind of search. */

/** The searches measured on each owner, by what share of the owner's memos they match. */
export type SearchKind = 'rare word (1 %)' | 'common word (50 %)' | 'tag (10 %)' | 'common word + tag (5 %)' | 'no match';

/** One searchMemos call through the real handler: its DynamoDB requests and what they cost. */
export interface SearchRun {
  /** Query requests sent (the handler sends nothing else). */
  requests: number;
  /** Read units on the owner index (ReturnConsumedCapacity). */
  readUnits: number;
  /** Items the Queries read (ScannedCount), which the units are charged on. */
  itemsRead: number;
  /** The most items one Query read. */
  largestQueryItems: number;
  /** Memos the page held. */
  received: number;
  /** Whether the answer carried a nextToken. */
  hasNextToken: boolean;
  /** Wall time of the call through the APPSYNC_JS resolver and the handler, ms. */
  ms: number;
  /** Of `ms`, the time from each store request to its unmarshalled answer; the rest is the resolver's and the handler's own (matching). */
  storeMs: number;
}

export interface SearchRow {
  /** The searched owner's memos (other owners' memos share the table). */
  memos: number;
  kind: SearchKind;
  /** Memos of this owner the search matches in all. */
  matching: number;
  firstPage: SearchRun;
}

/** The latency model's answer: up to how many memos a no-match search (the whole partition) stays within the budget. */
export interface SearchLimit {
  /** Assumed AWS latency of one Query reading up to 1 MB, ms. */
  queryMs: number;
  budgetMs: number;
  /** The handler's own time per memo read (matching), measured locally on the largest no-match search. */
  handlerMsPerMemo: number;
  /** Queries that fit the budget. */
  queries: number;
  /** Memos per user a no-match search reads in that many Queries. */
  memos: number;
}

/** The deployed design (owner index, matching in the Lambda) and the lookup prototypes (bench/search/lookupLayouts.ts). */
export type SearchDesign = 'owner index' | LookupDesign;

/** One first page on one design. Lookup rows are timed around the store calls alone (no resolver, no Lambda boundary). */
export interface DesignRow {
  design: SearchDesign;
  memos: number;
  kind: SearchKind;
  /** Requests sent: Queries, and BatchGetItem requests for lookup designs. */
  requests: number;
  batchGets: number;
  /** Read units, memo table (or owner index) and lookup table together. */
  readUnits: number;
  received: number;
  hasNextToken: boolean;
  ms: number;
  /** Tag items without a tag to look up: the owner index as deployed, its figures repeated. */
  asOwnerIndex?: boolean;
}

export interface DesignFigures {
  rows: DesignRow[];
  prose: ProseShape;
  writes: LookupWrite[];
}

export interface SearchFigures {
  store: string;
  /** Bytes of one memo item (~1 KB). */
  memoBytes: number;
  /** The page size asked for. */
  limit: number;
  /** Memos of other owners in the same table, which no search may read. */
  neighbourMemos: number;
  rows: SearchRow[];
  /** Items and indexes this design adds to a memo's write: none. */
  addedWriteUnitsPerMemo: number;
  limits: SearchLimit[];
  /** The handler's CPU per memo read, measured in-process on the corpus' memos (one core of this machine). */
  handlerCpu: HandlerCpu;
  /** The model's limit with that CPU per memo, scaled to a Lambda size (memoryMb / 1,769 of a vCPU). */
  cpuLimits: (SearchLimit & { memoryMb: number })[];
  /** The same searches on the lookup prototypes, and their write cost. */
  designs: DesignFigures;
  elapsedSeconds: number;
}
