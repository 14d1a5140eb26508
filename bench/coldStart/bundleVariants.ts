import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ENV_CREDENTIALS_PROVIDER } from '../../infra/memoApiStack.js';

/**
 * What `new NodejsFunction(…)` builds when a project sets nothing (aws-cdk-lib's defaults for a
 * Node.js 18+ runtime): CommonJS, not minified, no source maps, `@aws-sdk/*` left to the copy in
 * the Lambda runtime (here: loaded from node_modules), everything else bundled, the SDK's full
 * default credential chain.
 */
export function buildCdkDefault(entry: string, outfile: string): Promise<string> {
  return buildWith(entry, outfile, { format: 'cjs', minify: false, external: ['@aws-sdk/*'] });
}

/**
 * The floor under any handler that talks to DynamoDB through the SDK: a bundle that only
 * constructs a DynamoDBClient, built like ours (env-only credentials included).
 */
export async function buildSdkClientOnly(variantDir: string): Promise<string> {
  const entry = join(variantDir, 'sdkClientOnly.ts');
  writeFileSync(entry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n");
  return buildWith(entry, join(variantDir, 'sdkClientOnly.mjs'), {
    alias: { '@aws-sdk/credential-provider-node': ENV_CREDENTIALS_PROVIDER },
  });
}

/**
 * A variant of a deployed entry, built as infra/ builds the function (ESM, minified, SDK bundled,
 * env-only credentials), changed by `overrides` (e.g. plugins swapping modules for stand-ins).
 */
export function buildLikeDeployed(entry: string, outfile: string, overrides: BuildOptions = {}): Promise<string> {
  return buildWith(entry, outfile, { alias: { '@aws-sdk/credential-provider-node': ENV_CREDENTIALS_PROVIDER }, ...overrides });
}

/** esbuild with the options infra/ gives NodejsFunction (ESM, minified, SDK bundled), changed by `overrides`. */
function buildWith(entry: string, outfile: string, overrides: BuildOptions): Promise<string> {
  return build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24', // what NodejsFunction targets for Runtime.NODEJS_24_X
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'warning',
    ...overrides,
  }).then(() => outfile);
}
