import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import type { BenchResults } from '../../bench/runBench.js';

const run = promisify(execFile);
const OPERATIONS = ['createMemo', 'memo', 'updateMemo', 'listMemos', 'deleteMemo'];
const outDir = mkdtempSync(join(tmpdir(), 'memo-bench-'));
let stdout: string;
let results: BenchResults;

// Smoke test of the harness only: it proves every figure is produced, never what it is.
beforeAll(async () => {
  ({ stdout } = await run('npx', ['tsx', 'bench/main.ts', '--quick', '--out', outDir], {
    env: benchEnv(),
    maxBuffer: 16 * 1024 * 1024,
  }));
  results = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as BenchResults;
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const positive = expect.any(Number);

/** The bench brings its own store: none of this test run's store settings may leak into it. */
function benchEnv(): NodeJS.ProcessEnv {
  const { TABLE_NAME: _table, DYNAMODB_ENDPOINT: _endpoint, ...env } = process.env;
  return env;
}

describe('npm run bench -- --quick', () => {
  it('counts DynamoDB round trips for every operation', () => {
    expect(Object.keys(results.roundTrips.perOperation).sort()).toEqual([...OPERATIONS].sort());
    for (const calls of Object.values(results.roundTrips.perOperation)) expect(Object.keys(calls).length).toBeGreaterThan(0);
  });

  it('compares every operation through the endpoint with raw DynamoDB at each concurrency', () => {
    for (const concurrency of results.settings.concurrencies) {
      const rows = results.endpointVsRaw.filter((row) => row.concurrency === concurrency);
      expect(rows.map((row) => row.operation).sort()).toEqual([...OPERATIONS].sort());
      for (const row of rows) {
        for (const side of [row.endpoint, row.raw]) {
          expect(side).toEqual({ ops: results.settings.count, opsPerSecond: positive, p50Ms: positive, p95Ms: positive, p99Ms: positive });
          expect(side.opsPerSecond).toBeGreaterThan(0);
        }
        expect(row.throughputRatio).toBeGreaterThan(0);
      }
    }
  });

  it('measures every function bundle in all three variants, and the SDK client floor', () => {
    expect(results.coldStart.bareNodeMs).toBeGreaterThan(0);
    expect(results.coldStart.rows).toHaveLength(MEMO_FIELDS.length * 3 + 1);
    expect(results.coldStart.rows.filter((row) => row.variant === 'floor')).toHaveLength(1);
    for (const row of results.coldStart.rows) {
      expect(row.figures.bytes).toBeGreaterThan(row.figures.gzipBytes);
      expect(row.figures.importMs).toBeGreaterThan(0);
      expect(row.figures.ratioToBareNode).toBeGreaterThan(0);
    }
  });

  it('measures each table size', () => {
    expect(results.scale.map((point) => point.storedMemos)).toEqual(results.settings.scaleSizes);
    for (const point of results.scale) {
      for (const figures of [point.memo, point.updateMemo, point.listMemosPage]) expect(figures.opsPerSecond).toBeGreaterThan(0);
    }
  });

  it('prices every operation for both designs at every memo size', () => {
    expect(results.cost.designs).toHaveLength(2 * 3);
    for (const design of results.cost.designs) {
      expect(design.perOperation.map((cost) => cost.operation).sort()).toEqual([...OPERATIONS].sort());
      expect(design.readHeavyMixPerMillion).toBeGreaterThan(0);
    }
  });

  it('prints the tables and writes the chart', () => {
    for (const heading of ['1. DynamoDB round trips', '2. Endpoint', '3. Cold start', '4. Scale', '5. Cost']) expect(stdout).toContain(heading);
    expect(readFileSync(join(outDir, 'latency.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});
