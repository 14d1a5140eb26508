import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { ENV_CREDENTIALS_PROVIDER } from '../../infra/memoApiStack.js';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { measureBundle, type BundleFigures } from './importTime.js';

export interface ColdStartRow {
  fieldName: string;
  variant: 'ours' | 'sdk-external' | 'unminified' | 'floor';
  figures: BundleFigures;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENV_CREDENTIALS_ALIAS = { '@aws-sdk/credential-provider-node': ENV_CREDENTIALS_PROVIDER };
const HANDLER_ENV = { TABLE_NAME: 'memoTable', AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' };

export interface DeployedBundle {
  /** The bundled index.mjs CDK built. */
  path: string;
  /** The function's literal environment variables from the template (NODE_OPTIONS and the like). */
  env: Record<string, string>;
}

/**
 * Sizes and import times of each function bundle as infra ships it (taken from a real synth:
 * `bundles` maps fieldName to the asset CDK built), beside the two variants users commonly ship:
 * the SDK left external (loaded from node_modules, as from the Lambda runtime's copy, with its
 * full credential chain) and ours unminified (only that changed).
 */
export async function measureColdStarts(bundles: ReadonlyMap<string, DeployedBundle>, runs: number, fields = MEMO_FIELDS.map((f) => f.fieldName)): Promise<ColdStartRow[]> {
  // Inside the repository, so that SDK-external bundles resolve @aws-sdk from node_modules.
  const variantDir = join(REPO_ROOT, 'bench', '.build');
  rmSync(variantDir, { recursive: true, force: true });
  mkdirSync(variantDir, { recursive: true });
  const rows: ColdStartRow[] = [];
  try {
    for (const fieldName of fields) {
      const entry = join(REPO_ROOT, MEMO_FIELDS.find((field) => field.fieldName === fieldName)!.entry);
      const ours = bundles.get(fieldName);
      if (!ours) throw new Error(`no synthesized bundle for ${fieldName}`);
      // The SDK and Powertools from node_modules, with the full default credential chain.
      const external = await buildVariant(entry, join(variantDir, `${fieldName}.external.mjs`), { external: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*'] });
      const unminified = await buildVariant(entry, join(variantDir, `${fieldName}.unminified.mjs`), { minify: false, alias: ENV_CREDENTIALS_ALIAS });
      const env = { ...ours.env, ...HANDLER_ENV };
      rows.push({ fieldName, variant: 'ours', figures: measureBundle(ours.path, runs, env) });
      rows.push({ fieldName, variant: 'sdk-external', figures: measureBundle(external, runs, env) });
      rows.push({ fieldName, variant: 'unminified', figures: measureBundle(unminified, runs, env) });
    }
    rows.push({ fieldName: '(DynamoDBClient alone)', variant: 'floor', figures: measureBundle(await buildFloor(variantDir), runs, HANDLER_ENV) });
  } finally {
    rmSync(variantDir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The floor under any handler that talks to DynamoDB through the SDK: a bundle that only
 * constructs a DynamoDBClient, built like ours (env-only credentials included).
 */
async function buildFloor(variantDir: string): Promise<string> {
  const entry = join(variantDir, 'floor.ts');
  writeFileSync(entry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n");
  return buildVariant(entry, join(variantDir, 'floor.mjs'), {
    alias: ENV_CREDENTIALS_ALIAS,
  });
}

/** esbuild with the options infra/ gives NodejsFunction, changed by `overrides` (alias included). */
async function buildVariant(entry: string, outfile: string, overrides: BuildOptions): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'warning',
    ...overrides,
  });
  return outfile;
}
