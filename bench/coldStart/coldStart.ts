import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEMO_FIELDS } from '../resolverSeam.js';
import { handlerEnv } from '../benchCaller.js';
import type { RawStore } from '../runtime/rawOperations.js';
import { buildCdkDefault, buildSdkClientOnly } from './bundleVariants.js';
import { deployedFunctions, type DeployedBundle } from './deployedFunctions.js';
import { measureFirstResponses, profileFirstResponse, type ColdStartTarget, type FirstResponseFigures } from './firstResponse.js';
import { measureBundle, type BundleFigures } from './importTime.js';
import { memoColdStartEvent } from './memoColdStartEvent.js';
import { profileBreakdown, type CpuProfile, type PhaseTimes } from './profileBreakdown.js';

export type { DeployedBundle } from './deployedFunctions.js';

export interface ImportTimeRow {
  fieldName: string;
  variant: 'ours' | 'cdk-default' | 'floor';
  figures: BundleFigures;
  /** How many fields' rows carry this one measurement: the fields of one deployed function share its bundle (7 with one function for all, 1 per field before). */
  sharedBy: number;
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

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIELD = 'memo';

/**
 * Cold starts of the deployed bundles (from a real synth: `bundles` maps every fieldName to the
 * asset CDK built for it) beside what users would otherwise ship (CDK's NodejsFunction defaults,
 * built from the same entry) and the floor (bare Node sending the same DynamoDB request), against
 * `store`, which must be served from outside the processes measured. A bundle that serves several
 * fields is measured once, its rows repeated per field (the report prints them as one). Profiles are written to `profileDir`.
 */
export async function measureColdStarts(
  bundles: ReadonlyMap<string, DeployedBundle>,
  store: RawStore,
  options: { runs: number; profileDir: string; log(line: string): void },
): Promise<ColdStartFigures> {
  const missing = MEMO_FIELDS.filter((field) => !bundles.has(field.fieldName));
  if (missing.length > 0) throw new Error(`no synthesized bundle for ${missing.map((field) => field.fieldName).join(', ')}`);
  // Inside the repository, so that the CDK default's external @aws-sdk/* resolves from node_modules.
  const variantDir = join(REPO_ROOT, 'bench', '.build');
  rmSync(variantDir, { recursive: true, force: true });
  mkdirSync(variantDir, { recursive: true });
  try {
    const functions = [];
    for (const fn of deployedFunctions(bundles)) {
      const cdkDefault = await buildCdkDefault(join(REPO_ROOT, fn.entry), join(variantDir, `${basename(fn.entry, '.ts')}.cdk-default.cjs`));
      functions.push({ ...fn, cdkDefault });
    }
    const served = functions.find((fn) => fn.fieldNames.includes(FIELD))!;
    const targets = await firstResponseTargets(variantDir, store, served.bundle, served.cdkDefault);

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

    options.log(`import only, every function (${functions.length} bundle(s) for ${MEMO_FIELDS.length} fields): ${options.runs} runs each…`);
    const rowsOf = new Map<string, ImportTimeRow[]>();
    for (const { bundle, fieldNames, cdkDefault } of functions) {
      const env = handlerEnv(bundle.env, store);
      const ours = measureBundle(bundle.path, options.runs, env);
      const cdk = measureBundle(cdkDefault, options.runs, env);
      const sharedBy = fieldNames.length;
      for (const fieldName of fieldNames)
        rowsOf.set(fieldName, [
          { fieldName, variant: 'ours', figures: ours, sharedBy },
          { fieldName, variant: 'cdk-default', figures: cdk, sharedBy },
        ]);
    }
    const importTime = MEMO_FIELDS.flatMap((field) => rowsOf.get(field.fieldName)!);
    importTime.push({
      fieldName: '(DynamoDBClient alone)',
      variant: 'floor',
      figures: measureBundle(await buildSdkClientOnly(variantDir), options.runs, handlerEnv({}, store)),
      sharedBy: 1,
    });
    return { firstResponseField: FIELD, firstResponse, profile, importTime };
  } finally {
    rmSync(variantDir, { recursive: true, force: true });
  }
}

/** One memo, and the three ways of fetching it cold: our bundle, the CDK default, the floor. */
async function firstResponseTargets(
  variantDir: string,
  store: RawStore,
  ours: DeployedBundle,
  cdkDefault: string,
): Promise<(ColdStartTarget & { codeFile: string })[]> {
  const event = await memoColdStartEvent(store, variantDir);
  const requestFile = join(variantDir, 'request.json');
  // The request our handler's GetCommand sends, as DynamoDB's JSON protocol spells it.
  writeFileSync(
    requestFile,
    JSON.stringify({
      endpoint: store.endpoint,
      target: 'GetItem',
      body: { TableName: store.tableName, Key: { memoId: { S: event.memoId } } },
    }),
  );
  const env = handlerEnv(ours.env, store);
  const targets = [
    { name: 'ours (deployed bundle)', runnerArgs: ['handler', ours.path, event.path], env, check: event.check, codeFile: ours.path },
    {
      name: 'CDK default (SDK from node_modules)',
      runnerArgs: ['handler', cdkDefault, event.path],
      env,
      check: event.check,
      codeFile: cdkDefault,
    },
    {
      name: 'floor (node:http, one request)',
      runnerArgs: ['floor', requestFile],
      env,
      check: event.check,
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
