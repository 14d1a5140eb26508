import { cpus } from 'node:os';
import { startLocalApi } from '../local/server.js';
import { MEMO_FIELDS } from '../resolvers/fields.js';
import { synthMemoApp } from '../test/infra/synthMemoApp.js';
import { measureColdStarts, type ColdStartRow } from './coldStart.js';
import { costPerMillion, ITEM_SIZE_KB, mixedCostPerMillion, OPERATION_USAGE, provisionedDaysPerMillionWrites, READ_HEAVY_MIX, loadPrices, type Design, type OperationCost } from './costModel.js';
import { compareEndpointToRaw, type Comparison } from './endpointVsRaw.js';
import { graphqlClient } from './graphqlClient.js';
import { bareNodeMs } from './importTime.js';
import { rawOperations } from './rawOperations.js';
import { countRoundTrips, type RoundTrips } from './roundTrips.js';
import { measureScale, type ScalePoint } from './scale.js';

export interface BenchSettings {
  quick: boolean;
  /** Measured operations per run, after `warmup` unmeasured ones. */
  count: number;
  warmup: number;
  concurrencies: number[];
  scaleSizes: number[];
  coldStartRuns: number;
}

export const FULL: BenchSettings = { quick: false, count: 1000, warmup: 100, concurrencies: [1, 16], scaleSizes: [1000, 20000], coldStartRuns: 15 };
export const QUICK: BenchSettings = { quick: true, count: 20, warmup: 5, concurrencies: [1, 16], scaleSizes: [100, 300], coldStartRuns: 3 };

export interface BenchResults {
  generatedAt: string;
  settings: BenchSettings;
  machine: { cpus: number; cpuModel: string; node: string };
  roundTrips: RoundTrips;
  endpointVsRaw: Comparison[];
  coldStart: { bareNodeMs: number; lambdaMemoryMb: number; rows: ColdStartRow[] };
  scale: ScalePoint[];
  cost: {
    pricesRetrieved: string;
    assumptions: { itemSizeKb: number; lambdaMsPerOperation: Record<string, number>; readHeavyMix: Record<string, number> };
    designs: { design: Design; perOperation: OperationCost[]; readHeavyMixPerMillion: number }[];
    seedProvisionedDaysPerMillionWrites: number;
  };
}

/** Runs every measurement in one process, one after the other, so ratios compare like with like. */
export async function runBench(settings: BenchSettings, log: (line: string) => void = () => {}): Promise<BenchResults> {
  log('synthesizing the CDK app (bundles exactly as deployed)…');
  const synthesized = synthMemoApp();
  let coldStart: BenchResults['coldStart'];
  let lambdaMemoryMb: number;
  try {
    type FunctionResource = { Properties: { MemorySize: number; Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } } };
    const functions = MEMO_FIELDS.map((field) => {
      const [, fn] = Object.entries(synthesized.template.findResources('AWS::Lambda::Function')).find(([logicalId]) =>
        logicalId.startsWith(`${field.fieldName[0]!.toUpperCase()}${field.fieldName.slice(1)}Function`),
      )!;
      return { field, fn: fn as FunctionResource };
    });
    lambdaMemoryMb = functions[0]!.fn.Properties.MemorySize;
    const bundles = new Map(
      functions.map(({ field, fn }) => [
        field.fieldName,
        {
          path: `${synthesized.outdir}/asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}/index.mjs`,
          env: Object.fromEntries(Object.entries(fn.Properties.Environment.Variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
        },
      ]),
    );
    log('cold start: bundle sizes and import times…');
    const rows = await measureColdStarts(bundles, settings.coldStartRuns);
    coldStart = { bareNodeMs: bareNodeMs(settings.coldStartRuns), lambdaMemoryMb, rows };
  } finally {
    synthesized.dispose();
  }

  log('starting the local runtime (in-memory store)…');
  const api = await startLocalApi({ dataDir: null, onInternalError: (error) => log(`internal error: ${String(error)}`) });
  const raw = rawOperations(storeEndpointOf(), 'memoTable');
  try {
    const request = graphqlClient(api.url, api.apiKey);
    log('round trips per operation…');
    const roundTrips = await countRoundTrips(request);
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
    return {
      generatedAt: new Date().toISOString(),
      settings,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
      roundTrips,
      endpointVsRaw,
      coldStart,
      scale,
      cost: costFigures(lambdaMemoryMb),
    };
  } finally {
    raw.close();
    await api.close();
  }
}

/** The handlers' DynamoDB endpoint, as the local runtime set it for them. */
function storeEndpointOf(): string {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('the local runtime did not set DYNAMODB_ENDPOINT');
  return endpoint;
}

function costFigures(lambdaMemoryMb: number): BenchResults['cost'] {
  const prices = loadPrices();
  const designs: Design[] = [
    { name: 'ours: arm64 Lambda, on-demand table', lambdaMemoryMb, architecture: 'arm64', table: 'on-demand' },
    { name: 'seed: x86 Lambda (128 MB), provisioned 1 WCU/1 RCU table', lambdaMemoryMb: 128, architecture: 'x86_64', table: 'provisioned' },
  ];
  return {
    pricesRetrieved: prices.retrieved,
    assumptions: {
      itemSizeKb: ITEM_SIZE_KB,
      lambdaMsPerOperation: Object.fromEntries(Object.entries(OPERATION_USAGE).map(([op, usage]) => [op, usage.lambdaMs])),
      readHeavyMix: READ_HEAVY_MIX,
    },
    designs: designs.map((design) => {
      const perOperation = costPerMillion(design, prices);
      return { design, perOperation, readHeavyMixPerMillion: mixedCostPerMillion(perOperation, READ_HEAVY_MIX) };
    }),
    seedProvisionedDaysPerMillionWrites: provisionedDaysPerMillionWrites(1),
  };
}
