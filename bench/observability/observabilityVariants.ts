import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildLikeDeployed } from '../coldStart/bundleVariants.js';
import { MEMO_FUNCTION_ENTRY } from '../resolverSeam.js';
import { moduleSwap } from './moduleSwap.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/**
 * The entry infra/ deploys and the modules the variants swap (paths only: the seam exports no
 * module paths; the build fails if one is never imported, and the tests check what each variant
 * prints).
 */
export const OBSERVED_MODULES = {
  entry: join(REPO_ROOT, MEMO_FUNCTION_ENTRY),
  logger: join(REPO_ROOT, 'resolvers/lib/logger.ts'),
  metrics: join(REPO_ROOT, 'resolvers/lib/invocationMetrics.ts'),
  dynamoClient: join(REPO_ROOT, 'resolvers/store/dynamoClient.ts'),
} as const;

export type ObservabilityVariantName = 'deployed' | 'none' | 'tracer';

export interface ObservabilityVariant {
  name: ObservabilityVariantName;
  label: string;
  bundle: string;
  bundleKiB: number;
  gzipKiB: number;
}

/**
 * The deployed entry three ways, each built as infra/ builds it: (a) as deployed (Powertools
 * Logger and Metrics); (b) with the logger and metrics modules swapped for silent stand-ins, so
 * nothing is logged or measured; (c) as deployed plus Powertools Tracer: the handler traced per
 * invocation and the DynamoDB client captured (`captureAWSv3Client`). Written to `dir`.
 */
export async function buildObservabilityVariants(dir: string): Promise<ObservabilityVariant[]> {
  const deployed = await buildLikeDeployed(OBSERVED_MODULES.entry, join(dir, 'deployed.mjs'));
  const none = await buildLikeDeployed(OBSERVED_MODULES.entry, join(dir, 'none.mjs'), {
    plugins: [moduleSwap({ [OBSERVED_MODULES.logger]: here('./silentLogger.ts'), [OBSERVED_MODULES.metrics]: here('./silentMetrics.ts') })],
  });
  const tracer = await buildTracerVariant(dir);
  return [
    describe('deployed', '(a) as deployed: Powertools Logger + Metrics', deployed),
    describe('none', '(b) no observability: logger and metrics silent stand-ins', none),
    describe('tracer', '(c) as deployed + Powertools Tracer (handler subsegment, DynamoDB client captured)', tracer),
  ];
}

/** Generated into `dir` (not bench/): the entry and the client wrapper import resolvers/, which bench/ reaches only through its seam. */
async function buildTracerVariant(dir: string): Promise<string> {
  const tracedHandler = JSON.stringify(here('./tracedHandler.ts'));
  const entry = join(dir, 'tracedEntry.ts');
  writeFileSync(
    entry,
    [
      `import { handler as untraced } from ${JSON.stringify(OBSERVED_MODULES.entry)};`,
      `import { traced } from ${tracedHandler};`,
      'export const handler = traced(untraced);',
      '',
    ].join('\n'),
  );
  const client = join(dir, 'tracedDynamoClient.ts');
  writeFileSync(
    client,
    [
      `import { createDocumentClient as untraced } from ${JSON.stringify(OBSERVED_MODULES.dynamoClient)};`,
      `import { tracer } from ${tracedHandler};`,
      `export * from ${JSON.stringify(OBSERVED_MODULES.dynamoClient)};`,
      'export const createDocumentClient: typeof untraced = (config) => tracer.captureAWSv3Client(untraced(config));',
      '',
    ].join('\n'),
  );
  return buildLikeDeployed(entry, join(dir, 'tracer.mjs'), {
    plugins: [moduleSwap({ [OBSERVED_MODULES.dynamoClient]: client })],
    // The X-Ray SDK is CommonJS and require()s Node built-ins: an ESM bundle of it needs a real
    // require (Powertools' docs give this banner), which the deployed bundle does without.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
}

function describe(name: ObservabilityVariantName, label: string, bundle: string): ObservabilityVariant {
  const code = readFileSync(bundle);
  return { name, label, bundle, bundleKiB: kib(code.length), gzipKiB: kib(gzipSync(code).length) };
}

function kib(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}
