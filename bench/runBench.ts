import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalApi, type LocalApi } from '../local/server.js';
import { EMULATOR_CREDENTIALS, MEMO_FIELDS } from './resolverSeam.js';
import { synthMemoApp } from '../infra/assembly/synthMemoApp.js';
import { findFieldWiring } from '../infra/assembly/templateLookup.js';
import { measureColdStarts, type DeployedBundle } from './coldStart/coldStart.js';
import { openCapacityStore } from './capacity/capacityStore.js';
import { measureCapacity } from './capacity/measureCapacity.js';
import { costFigures } from './cost/costFigures.js';
import { loadPrices } from './cost/priceTable.js';
import { lambdaSizing } from './memory/lambdaSizing.js';
import { measureMemory } from './memory/measureMemory.js';
import { compareEndpointToRaw, type Comparison } from './runtime/endpointVsRaw.js';
import { externalStoreFromEnv } from './runtime/externalStore.js';
import { graphqlClient } from './runtime/graphqlClient.js';
import { deleteTable, rawOperations, type RawStore } from './runtime/rawOperations.js';
import { countRoundTrips } from './runtime/roundTrips.js';
import { measureScale } from './runtime/scale.js';
import { signInFirstUser } from './runtime/signIn.js';
import { measureSearch, SEARCH_QUICK_SETTINGS, SEARCH_SETTINGS } from './search/measureSearch.js';
import { CLIENT_SEARCH_QUICK_SETTINGS, CLIENT_SEARCH_SETTINGS, measureClientSearch } from './clientSearch/measureClientSearch.js';
import { SESSION_MODEL_QUICK_SETTINGS, SESSION_MODEL_SETTINGS } from './sessions/sessionModel.js';
import { measureSessions } from './sessions/measureSessions.js';
import { measureObservability, OBSERVABILITY_QUICK_SETTINGS, OBSERVABILITY_SETTINGS } from './observability/measureObservability.js';
import { measureOffline } from './sync/measureOffline.js';
import { measureOutboxDrain } from './sync/outboxDrain.js';
import type { BenchResults, BenchSettings } from './benchResults.js';
import { LOCAL_DIR } from './resultFiles.js';
import { round } from './stats.js';

export const FULL: BenchSettings = {
  quick: false,
  count: 1000,
  warmup: 100,
  concurrencies: [1, 16],
  scaleSizes: [1000, 20000],
  coldStartRuns: 15,
  memoryInvocations: 10_000,
  outboxEdits: 1000,
  profileDir: join(LOCAL_DIR, 'profiles'),
};
export const QUICK: BenchSettings = {
  quick: true,
  count: 20,
  warmup: 5,
  concurrencies: [1, 16],
  scaleSizes: [100, 300],
  coldStartRuns: 3,
  memoryInvocations: 50,
  outboxEdits: 50,
  profileDir: join(LOCAL_DIR, 'quick', 'profiles'),
};

/** Runs every measurement in one process, one after the other, so ratios compare like with like. */
export async function runBench(settings: BenchSettings, log: (line: string) => void = () => {}): Promise<BenchResults> {
  const started = performance.now();
  const external = externalStoreFromEnv(process.env);
  const storeName = external ? `DYNAMODB_ENDPOINT ${external.endpoint}` : 'in-memory dynalite';
  log('synthesizing the CDK app (bundles exactly as deployed)…');
  const synthesized = synthMemoApp();
  try {
    const functions = MEMO_FIELDS.map((field) => ({ field, fn: findFieldWiring(synthesized.template, field.fieldName).fn }));
    const lambdaMemoryMb = (functions[0]!.fn.Properties as { MemorySize: number }).MemorySize;
    const bundles = new Map<string, DeployedBundle>(
      functions.map(({ field, fn }) => [
        field.fieldName,
        {
          path: synthesized.bundleOf(field.fieldName),
          env: Object.fromEntries(
            Object.entries((fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          ),
        },
      ]),
    );
    log(
      external
        ? `starting the local runtime on ${storeName}, table ${external.tableName} (deleted at the end)…`
        : 'starting the local runtime (in-memory store)…',
    );
    const api = await startLocalApi({
      dataDir: null,
      ...(external && { dynamodbEndpoint: external.endpoint, tableName: external.tableName, storeCredentials: external.credentials }),
      onInternalError: (error) => log(`internal error: ${String(error)}`),
    });
    // What the bench reaches the API's table with beside the API: its region, and the same key.
    const store: RawStore = {
      endpoint: api.store.endpoint,
      tableName: api.store.tableName,
      region: 'us-east-1',
      credentials: external ? external.credentials : EMULATOR_CREDENTIALS,
    };
    try {
      // Cold starts first, while nothing else has run: their processes only share the store with this one.
      const coldStart = await measureColdStarts(bundles, store, { runs: settings.coldStartRuns, profileDir: settings.profileDir, log });
      const memory = await measureMemory(bundles, store, { invocations: settings.memoryInvocations, lambdaMemoryMb, log });
      const sizing = lambdaSizing(memory, loadPrices());
      // Issue 21, item 5: each design's cold start (while the store is still idle), then the session model.
      const sessions = await measureSessions(synthesized.template, bundles, store, {
        runs: settings.coldStartRuns,
        settings: settings.quick ? SESSION_MODEL_QUICK_SETTINGS : SESSION_MODEL_SETTINGS,
        billedMs: { sizing, memoryMb: lambdaMemoryMb },
        log,
      });
      // Issue 21, item 1: what logs, metrics and Tracer cost the first response (store still idle).
      const observability = await measureObservability(bundles.get('memo')!.env, store, {
        runs: settings.coldStartRuns,
        warmCalls: (settings.quick ? OBSERVABILITY_QUICK_SETTINGS : OBSERVABILITY_SETTINGS).warmCalls,
        log,
      });
      const { roundTrips, endpointVsRaw, scale } = await measureRuntime(api, store, settings, log);
      log(`offline: outbox drain of ${settings.outboxEdits} queued creates through the SDK's offline store…`);
      const outboxDrain = await measureOutboxDrain(api, settings.outboxEdits);
      log('capacity units on DynamoDB Local…');
      const { capacity, offline, search } = await measureUnits(settings, log);
      const clientSearch = await measureClientSearch(settings.quick ? CLIENT_SEARCH_QUICK_SETTINGS : CLIENT_SEARCH_SETTINGS, log);
      // The cost model prices the deployed size with the durations the sizing model gives it.
      const deployedSize = sizing.perSize.find((point) => point.memoryMb === lambdaMemoryMb);
      const lambdaMs = deployedSize && Object.fromEntries(deployedSize.perOperation.map((op) => [op.operation, op.billedMs]));
      return {
        generatedAt: new Date().toISOString(),
        elapsedSeconds: round((performance.now() - started) / 1000),
        settings,
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
        store: storeName,
        roundTrips,
        endpointVsRaw,
        coldStart,
        lambdaMemoryMb,
        scale,
        memory,
        lambdaSizing: sizing,
        capacity,
        offline: { ...offline, outboxDrain },
        search,
        clientSearch,
        sessions,
        observability,
        cost: costFigures(lambdaMemoryMb, capacity, lambdaMs),
      };
    } finally {
      await api.close();
      if (external) await deleteTable(store);
    }
  } finally {
    synthesized.dispose();
  }
}

/** One DynamoDB Local for the capacity figures, issue 19's (index layout, syncs, DataStore's Scan) and issue 20's search, stopped at the end. */
async function measureUnits(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<Pick<BenchResults, 'capacity' | 'search'> & { offline: Omit<BenchResults['offline'], 'outboxDrain'> }> {
  const store = await openCapacityStore({ log });
  try {
    const capacity = await measureCapacity({ quick: settings.quick, log, store });
    const offline = await measureOffline({ quick: settings.quick, log, store });
    return { capacity, offline, search: await measureSearch(store, settings.quick ? SEARCH_QUICK_SETTINGS : SEARCH_SETTINGS, log) };
  } finally {
    await store.close();
  }
}

/**
 * The measurements that need the running API, signed in as its first user: every endpoint
 * request carries that user's token (verified per request, as AppSync does), and the raw
 * baseline reads and writes that same user's memos.
 */
async function measureRuntime(
  api: LocalApi,
  store: RawStore,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<Pick<BenchResults, 'roundTrips' | 'endpointVsRaw' | 'scale'>> {
  log(`signing in as ${api.clientConfig.users[0]?.username}…`);
  const user = await signInFirstUser(api.clientConfig);
  const request = graphqlClient(api.url, user.idToken);
  const raw = rawOperations(store, user.sub);
  try {
    log('round trips per operation…');
    const roundTrips = await countRoundTrips(request, raw, api.store.memoStore);
    const endpointVsRaw: Comparison[] = [];
    for (const concurrency of settings.concurrencies) {
      log(`endpoint vs raw DynamoDB at concurrency ${concurrency}…`);
      endpointVsRaw.push(...(await compareEndpointToRaw(request, raw, { count: settings.count, warmup: settings.warmup, concurrency })));
    }
    log(`scale: ${settings.scaleSizes.join(' and ')} stored memos…`);
    await raw.clear();
    const scale = await measureScale(request, raw, settings.scaleSizes, {
      count: Math.min(settings.count, 500),
      warmup: settings.warmup,
      concurrency: 16,
    });
    return { roundTrips, endpointVsRaw, scale };
  } finally {
    raw.close();
  }
}
