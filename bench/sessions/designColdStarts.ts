import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { handlerEnv } from '../benchCaller.js';
import { deployedFunctions, servesEveryField, type DeployedBundle } from '../coldStart/deployedFunctions.js';
import { measureFirstResponses, type FirstResponseFigures } from '../coldStart/firstResponse.js';
import { memoColdStartEvent } from '../coldStart/memoColdStartEvent.js';
import { MEMO_FIELDS } from '../resolverSeam.js';
import type { RawStore } from '../runtime/rawOperations.js';
import { READ_FIELDS } from './functionDesigns.js';
import { buildFieldBundle, buildGroupedBundle } from './groupedBundles.js';

/** One design's bundle that serves `memo`, cold: its size and its first response. */
export interface DesignColdStart {
  design: string;
  bundle: string;
  bytes: number;
  gzipBytes: number;
  firstResponse: FirstResponseFigures;
}

/**
 * The first response to the same `memo` request, each run in a fresh node, the bundles taking
 * turns (bench/coldStart/firstResponse.ts): A = the `memo` handler alone (built here: A no longer
 * deploys), B = the deployed bundle when one serves every field (else built here the same way),
 * C = the bundle of the read fields (design C's larger function of two). `deployed` maps every
 * field to its synthesized bundle; `store` must be served from outside the processes measured.
 */
export async function measureDesignColdStarts(
  deployed: ReadonlyMap<string, DeployedBundle>,
  store: RawStore,
  options: { runs: number; log(line: string): void },
): Promise<DesignColdStart[]> {
  const memoFunction = deployedFunctions(deployed).find((fn) => fn.fieldNames.includes('memo'));
  if (!memoFunction) throw new Error('no synthesized bundle serves memo');
  const dir = mkdtempSync(join(tmpdir(), 'memo-design-bundles-'));
  try {
    const allFields = `all ${MEMO_FIELDS.length} fields`;
    const bundles = [
      { design: 'A', bundle: 'memo alone (built by the bench)', path: await buildFieldBundle('memo', dir) },
      servesEveryField(memoFunction)
        ? { design: 'B', bundle: `${allFields} (deployed)`, path: memoFunction.bundle.path }
        : {
            design: 'B',
            bundle: `${allFields} (built by the bench)`,
            path: await buildGroupedBundle(
              MEMO_FIELDS.map((field) => field.fieldName),
              dir,
              'allFields',
            ),
          },
      {
        design: 'C',
        bundle: `the ${READ_FIELDS.size} read fields (built by the bench)`,
        path: await buildGroupedBundle([...READ_FIELDS], dir, 'readFields'),
      },
    ];
    const event = await memoColdStartEvent(store, dir);
    const env = handlerEnv(memoFunction.bundle.env, store);
    options.log(
      `cold start per design (memo, one GetItem): ${bundles.map((b) => `${b.design} ${b.bundle}`).join(', ')}, ${options.runs} runs each…`,
    );
    const figures = await measureFirstResponses(
      bundles.map(({ design, path }) => ({ name: design, runnerArgs: ['handler', path, event.path], env, check: event.check })),
      options.runs,
    );
    return bundles.map(({ design, bundle, path }, index) => {
      const bytes = readFileSync(path);
      return { design, bundle, bytes: bytes.length, gzipBytes: gzipSync(bytes).length, firstResponse: figures[index]! };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
