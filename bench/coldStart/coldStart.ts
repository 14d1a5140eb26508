import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { v4 as uuidv4 } from 'uuid';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { MEMO_FIELDS, storedFields, toItem } from '../resolverSeam.js';
import { benchUserIdentity, handlerEnv } from '../benchCaller.js';
import { buildCdkDefault, buildSdkClientOnly } from './bundleVariants.js';
import { measureFirstResponses, profileFirstResponse, type ColdStartTarget, type FirstResponseFigures } from './firstResponse.js';
import { measureBundle, type BundleFigures } from './importTime.js';
import { profileBreakdown, type CpuProfile, type PhaseTimes } from './profileBreakdown.js';

export interface ImportTimeRow {
  fieldName: string;
  variant: 'ours' | 'cdk-default' | 'floor';
  figures: BundleFigures;
}

export interface ColdStartFigures {
  /** The function whose first response is timed (one GetItem: the floor sends the same request). */
  firstResponseField: string;
  /** ours, the CDK default and the floor, in that order, then ours with a filled compile cache. */
  firstResponse: FirstResponseFigures[];
  /** Where each one's CPU time went, from one `node --cpu-prof` cold start each (ms per phase). */
  profile: { name: string; phases: PhaseTimes; file: string }[];
  /** Import only, every function: a fresh node loading the bundle, against a bare `node -e 0`. */
  importTime: ImportTimeRow[];
}

export interface DeployedBundle {
  /** The bundled index.mjs CDK built. */
  path: string;
  /** The function's literal environment variables from the template (POWERTOOLS_* and the like). */
  env: Record<string, string>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIELD = 'memo';
const OWNER = 'c01d57a7-0000-4000-8000-00000000b0b0';

/**
 * Cold starts of the deployed bundles (from a real synth: `bundles` maps fieldName to the asset
 * CDK built) beside what users would otherwise ship (CDK's NodejsFunction defaults) and the
 * floor (bare Node sending the same DynamoDB request), against `store`, which must be served
 * from outside the processes measured. Profiles are written to `profileDir`.
 */
export async function measureColdStarts(
  bundles: ReadonlyMap<string, DeployedBundle>,
  store: { endpoint: string; tableName: string },
  options: { runs: number; profileDir: string; log(line: string): void },
): Promise<ColdStartFigures> {
  // Inside the repository, so that the CDK default's external @aws-sdk/* resolves from node_modules.
  const variantDir = join(REPO_ROOT, 'bench', '.build');
  rmSync(variantDir, { recursive: true, force: true });
  mkdirSync(variantDir, { recursive: true });
  try {
    const cdkDefaults = new Map<string, string>();
    for (const field of MEMO_FIELDS)
      cdkDefaults.set(
        field.fieldName,
        await buildCdkDefault(join(REPO_ROOT, field.entry), join(variantDir, `${field.fieldName}.cdk-default.cjs`)),
      );
    const ours = bundleFor(bundles, FIELD);
    const targets = await firstResponseTargets(variantDir, store, ours, cdkDefaults.get(FIELD)!);

    options.log(`cold start to first response (${FIELD}): ${targets.map((t) => t.name).join(', ')}, ${options.runs} runs each…`);
    const firstResponse = await measureFirstResponses(targets, options.runs);
    mkdirSync(options.profileDir, { recursive: true });
    const profile = [];
    // Not the compile-cache trial: code loaded from V8's cache may lack the positions the phases
    // are told apart by (its first invocation read 0 ms in one run).
    for (const target of targets.filter(({ name }) => !name.startsWith(COMPILE_CACHE_VARIANT))) {
      const file = await profileFirstResponse(target, options.profileDir);
      profile.push({
        name: target.name,
        file,
        phases: profileBreakdown(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, target.codeFile),
      });
    }

    options.log(`import only, every function: ${options.runs} runs each…`);
    const importTime: ImportTimeRow[] = [];
    for (const field of MEMO_FIELDS) {
      const deployed = bundleFor(bundles, field.fieldName);
      importTime.push({
        fieldName: field.fieldName,
        variant: 'ours',
        figures: measureBundle(deployed.path, options.runs, handlerEnv(deployed.env, store)),
      });
      importTime.push({
        fieldName: field.fieldName,
        variant: 'cdk-default',
        figures: measureBundle(cdkDefaults.get(field.fieldName)!, options.runs, handlerEnv(deployed.env, store)),
      });
    }
    importTime.push({
      fieldName: '(DynamoDBClient alone)',
      variant: 'floor',
      figures: measureBundle(await buildSdkClientOnly(variantDir), options.runs, handlerEnv({}, store)),
    });
    return { firstResponseField: FIELD, firstResponse, profile, importTime };
  } finally {
    rmSync(variantDir, { recursive: true, force: true });
  }
}

function bundleFor(bundles: ReadonlyMap<string, DeployedBundle>, fieldName: string): DeployedBundle {
  const bundle = bundles.get(fieldName);
  if (!bundle) throw new Error(`no synthesized bundle for ${fieldName}`);
  return bundle;
}

/** One memo, and the three ways of fetching it cold: our bundle, the CDK default, the floor. */
async function firstResponseTargets(
  variantDir: string,
  store: { endpoint: string; tableName: string },
  ours: DeployedBundle,
  cdkDefault: string,
): Promise<(ColdStartTarget & { codeFile: string })[]> {
  const memoId = uuidv4();
  const now = new Date().toISOString();
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: store.endpoint }));
  try {
    await client.send(
      new PutCommand({
        TableName: store.tableName,
        Item: toItem({
          memoId,
          ownerId: OWNER,
          ...storedFields({ title: 'cold', content: 'start' }),
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      }),
    );
  } finally {
    client.destroy();
  }
  const event = buildAppSyncContext({
    parentTypeName: 'Query',
    fieldName: FIELD,
    args: { memoId },
    headers: { 'content-type': 'application/json' },
    identity: benchUserIdentity(OWNER),
    selectionSetList: ['memoId', 'content'],
    selectionSetGraphQL: '{ memoId content }',
  });
  const eventFile = join(variantDir, 'event.json');
  const requestFile = join(variantDir, 'request.json');
  writeFileSync(eventFile, JSON.stringify(event));
  // The request our handler's GetCommand sends, as DynamoDB's JSON protocol spells it.
  writeFileSync(
    requestFile,
    JSON.stringify({ endpoint: store.endpoint, target: 'GetItem', body: { TableName: store.tableName, Key: { memoId: { S: memoId } } } }),
  );
  const found = (result: unknown) => {
    const { data, Item } = (result ?? {}) as { data?: { memoId?: string }; Item?: { memoId?: { S?: string } } };
    if ((data?.memoId ?? Item?.memoId?.S) !== memoId)
      throw new Error(`the cold start did not return memo ${memoId}: ${JSON.stringify(result).slice(0, 300)}`);
  };
  const env = handlerEnv(ours.env, store);
  const targets = [
    { name: 'ours (deployed bundle)', runnerArgs: ['handler', ours.path, eventFile], env, check: found, codeFile: ours.path },
    {
      name: 'CDK default (SDK from node_modules)',
      runnerArgs: ['handler', cdkDefault, eventFile],
      env,
      check: found,
      codeFile: cdkDefault,
    },
    {
      name: 'floor (node:http, one request)',
      runnerArgs: ['floor', requestFile],
      env,
      check: found,
      codeFile: join(REPO_ROOT, 'bench', 'coldStart', 'firstResponseRunner.mjs'),
    },
  ];
  const compileCache = join(variantDir, 'compile-cache');
  const withCache = {
    ...targets[0]!,
    name: `${COMPILE_CACHE_VARIANT} (NODE_COMPILE_CACHE, filled on this Node)`,
    env: { ...env, NODE_COMPILE_CACHE: compileCache },
  };
  await fillCompileCache(withCache);
  return [...targets, withCache];
}

/** The trial of Node 24's module compile cache, measured after ours / CDK default / floor. */
export const COMPILE_CACHE_VARIANT = 'ours + compile cache';

/**
 * Fills the target's NODE_COMPILE_CACHE the way a build step would ship it in the asset: one run
 * of the same bundle on the same Node. Node keys the cache by its exact version, architecture
 * and V8 flags (a folder like `v24.22.3-x64-964aae3f-0`), so it would only serve a Lambda
 * running that exact release on that architecture.
 */
async function fillCompileCache(target: ColdStartTarget): Promise<void> {
  await measureFirstResponses([target], 1);
  const keys = readdirSync(target.env.NODE_COMPILE_CACHE!);
  if (keys.length !== 1 || !keys[0]!.startsWith(`${process.version}-${process.arch}-`)) {
    throw new Error(`the compile cache holds ${JSON.stringify(keys)}, not one entry for ${process.version}-${process.arch}`);
  }
}
