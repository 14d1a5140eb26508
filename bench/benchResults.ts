import type { CapacityFigures } from './capacity/capacityFigures.js';
import type { ClientSearchFigures } from './clientSearch/clientSearchFigures.js';
import type { ColdStartFigures } from './coldStart/coldStart.js';
import type { CostFigures } from './cost/costFigures.js';
import type { MemoryRow } from './memory/measureMemory.js';
import type { LambdaSizing } from './memory/sizingSettings.js';
import type { Comparison } from './runtime/endpointVsRaw.js';
import type { RoundTrips } from './runtime/roundTrips.js';
import type { ScalePoint } from './runtime/scale.js';
import type { SearchFigures } from './search/searchFigures.js';
import type { SessionFigures } from './sessions/measureSessions.js';
import type { ObservabilityFigures } from './observability/measureObservability.js';
import type { OfflineFigures } from './sync/syncFigures.js';

/** What one bench run is told (runBench.ts's FULL and QUICK) and what it found: the shape of results/latest.json. */

export interface BenchSettings {
  quick: boolean;
  /** Measured operations per run, after `warmup` unmeasured ones. */
  count: number;
  warmup: number;
  concurrencies: number[];
  scaleSizes: number[];
  coldStartRuns: number;
  /** Invocations each handler runs in one process after its first, for memory and CPU time. */
  memoryInvocations: number;
  /** Creates queued in the SDK's offline store before the timed drain. */
  outboxEdits: number;
  /** Where the cold-start CPU profiles go (git-ignored; open them in Chrome DevTools). */
  profileDir: string;
}

export interface BenchResults {
  generatedAt: string;
  elapsedSeconds: number;
  settings: BenchSettings;
  machine: { cpus: number; cpuModel: string; node: string };
  /** Where the memos lived: the in-memory store, or the DYNAMODB_ENDPOINT it ran against. */
  store: string;
  roundTrips: RoundTrips;
  endpointVsRaw: Comparison[];
  coldStart: ColdStartFigures;
  lambdaMemoryMb: number;
  scale: ScalePoint[];
  memory: MemoryRow[];
  lambdaSizing: LambdaSizing;
  capacity: CapacityFigures;
  /** Issue 19: the index layout for list and feed, full and delta syncs, DataStore's Scan beside our Query, the outbox drain. */
  offline: OfflineFigures;
  /** Issue 20, item 2: searchMemos' first pages per owner size and kind of search, and the latency model's limit. */
  search: SearchFigures;
  /** Issue 20, item 4: the client search libraries in Chromium, and the pick the rule makes; skipped without Chromium. */
  clientSearch: ClientSearchFigures;
  /** Issue 21, item 5: cold starts per user session, one function per field against fewer; the roles; the choice. */
  sessions: SessionFigures;
  /** Issue 21, item 1: the deployed entry as deployed, without logs and metrics, and with Powertools Tracer; the Tracer rule's pick. */
  observability: ObservabilityFigures;
  cost: CostFigures;
}
