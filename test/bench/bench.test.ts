import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import type { BenchResults } from '../../bench/benchResults.js';
import { LOCAL_DIR, RECORDED_DIR } from '../../bench/resultFiles.js';
import { round } from '../../bench/stats.js';
import { CHROMIUM, systemPartFor } from '../helpers/systemParts.js';
import { TEST_STORE } from '../helpers/testStore.js';

const run = promisify(execFile);
const OPERATIONS = ['createMemo', 'memo', 'updateMemo', 'listMemos', 'deleteMemo'];
const QUICK_DIR = join(LOCAL_DIR, 'quick');
const RESULT_FILES = ['latest.json', 'latency.svg'];
let stdout: string;
let stderr: string;
let results: BenchResults;
let committedBefore: string[];
let startedAt: number;

// Smoke test of the harness only: it proves every figure is produced, never what it is.
// It runs the default command (no --out), so it also proves where a default run writes.
beforeAll(async () => {
  committedBefore = RESULT_FILES.map((name) => fingerprint(join(RECORDED_DIR, name)));
  startedAt = Date.now();
  ({ stdout, stderr } = await run('npx', ['tsx', 'bench/main.ts', '--quick'], { env: benchEnv(), maxBuffer: 16 * 1024 * 1024 }));
  results = JSON.parse(readFileSync(join(QUICK_DIR, 'latest.json'), 'utf8')) as BenchResults;
  // A safety net, not a figure: the quick run took 212 s by its own clock on this 2-core machine shared with other suites.
}, 600_000);

const positive = expect.any(Number);

/**
 * On DynamoDB Local the bench runs against this test run's server, so the smoke run exercises
 * Amazon's emulator too; otherwise it brings its own dynalite and none of this run's store
 * settings may leak into it.
 */
function benchEnv(): NodeJS.ProcessEnv {
  const { TABLE_NAME: _table, DYNAMODB_ENDPOINT: _endpoint, ...env } = process.env;
  return TEST_STORE === 'dynamodb-local' ? { ...env, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') } : env;
}

function fingerprint(path: string): string {
  return `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`;
}

function expectSpread(spread: { median: number; p25: number; p75: number }): void {
  expect(spread.p25).toBeGreaterThan(0);
  expect(spread.median).toBeGreaterThanOrEqual(spread.p25);
  expect(spread.p75).toBeGreaterThanOrEqual(spread.median);
}

/** The import-only table's rows as printed, one array of cells per row. */
function printedImportRows(): string[][] {
  const section = stdout.slice(stdout.indexOf('Import only, every function'), stdout.indexOf('4. Scale'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| function '))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('npm run bench -- --quick', () => {
  it('leaves the committed bench/results files untouched', () => {
    expect(RESULT_FILES.map((name) => fingerprint(join(RECORDED_DIR, name)))).toEqual(committedBefore);
  });

  it('writes its files to the git-ignored bench/results/local/quick/ and says so', async () => {
    for (const name of RESULT_FILES) {
      const path = join(QUICK_DIR, name);
      expect(statSync(path).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
      await expect(run('git', ['check-ignore', '--quiet', path])).resolves.toBeDefined();
      expect(stderr).toContain(join('bench/results/local/quick', name));
    }
    expect(readFileSync(join(QUICK_DIR, 'latency.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('refuses --record with --quick before measuring anything', async () => {
    const refused = run('npx', ['tsx', 'bench/main.ts', '--quick', '--record'], { env: benchEnv() });
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--record is refused with --quick') });
  });

  it(`runs against ${TEST_STORE === 'dynamodb-local' ? "this test run's DynamoDB Local" : 'its own in-memory dynalite'}`, () => {
    expect(results.store).toBe(TEST_STORE === 'dynamodb-local' ? `DYNAMODB_ENDPOINT ${inject('dynamodbEndpoint')}` : 'in-memory dynalite');
  });

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

  it('times the first response of ours, the CDK default, the floor and ours with a compile cache, each run checked to return the memo', () => {
    const { firstResponse } = results.coldStart;
    expect(firstResponse.map((row) => row.name)).toEqual([
      'ours (deployed bundle)',
      'CDK default (SDK from node_modules)',
      'floor (node:http, one request)',
      'ours + compile cache (NODE_COMPILE_CACHE, filled on this Node)',
    ]);
    for (const row of firstResponse) {
      expect(row.runs).toBe(results.settings.coldStartRuns);
      for (const figures of [row.wallMs, row.loadedMs, row.firstResultMs, row.peakRssMiB]) expectSpread(figures);
      expect(row.firstResultMs.median).toBeGreaterThan(row.loadedMs.median);
    }
  });

  it('runs its children on the Node that Lambda runs (nodejs24.x) or newer', () => {
    expect(Number(results.machine.node.slice(1).split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('profiles each cold start and splits its CPU time into phases', () => {
    expect(results.coldStart.profile).toHaveLength(3);
    for (const { phases, file } of results.coldStart.profile) {
      expect(statSync(file).size).toBeGreaterThan(0);
      expect(phases['first invocation']).toBeGreaterThan(0);
      expect(Object.values(phases).every((ms) => ms >= 0)).toBe(true);
    }
    expect(results.coldStart.profile[0]!.phases['compile the code']).toBeGreaterThan(0);
  });

  it('measures the import time of every function bundle, ours and the CDK default, and the SDK client floor, each against its own baseline', () => {
    const rows = results.coldStart.importTime;
    expect(rows).toHaveLength(MEMO_FIELDS.length * 2 + 1);
    expect(rows.filter((row) => row.variant === 'floor')).toHaveLength(1);
    // A bundle serving several fields (one function for all) is measured once: its fields' rows carry that one measurement.
    for (const row of rows) {
      const same = rows.filter((other) => other.variant === row.variant && JSON.stringify(other.figures) === JSON.stringify(row.figures));
      expect(same).toHaveLength(row.sharedBy);
    }
    for (const { figures } of rows) {
      expect(figures.bytes).toBeGreaterThan(figures.gzipBytes);
      for (const spread of [figures.loadMs, figures.baselineMs]) expectSpread(spread);
      expect(figures.ratio).toBe(round(figures.loadMs.median / figures.baselineMs.median, 2));
    }
  });

  it('prints every import-time ratio beside the two medians it is computed from', () => {
    const printed = printedImportRows();
    // One printed row per measurement: the fields sharing a bundle are one row that counts them.
    const measurements = new Set(results.coldStart.importTime.map((row) => `${row.variant} ${JSON.stringify(row.figures)}`));
    expect(printed).toHaveLength(measurements.size);
    for (const row of results.coldStart.importTime.filter((each) => each.sharedBy > 1))
      expect(printed.some(([label, variant]) => label === `${row.sharedBy} fields` && variant === row.variant)).toBe(true);
    for (const [, , , , load, baseline, ratio] of printed) {
      expect(load).toMatch(/^\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)$/);
      expect(baseline).toMatch(/^\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)$/);
      expect(Number(ratio)).toBe(round(parseFloat(load!) / parseFloat(baseline!), 2));
    }
  });

  it('measures each table size', () => {
    expect(results.scale.map((point) => point.storedMemos)).toEqual(results.settings.scaleSizes);
    for (const point of results.scale) {
      for (const figures of [point.memo, point.updateMemo, point.listMemosPage]) expect(figures.opsPerSecond).toBeGreaterThan(0);
    }
  });

  it("measures every handler's memory after 1 and after N invocations, and its CPU time, and picks a Lambda size from them", () => {
    // Every deployed function, memoChanges included (the runtime and capacity figures cover the five CRUD operations).
    expect(results.memory.map((row) => row.fieldName).sort()).toEqual(MEMO_FIELDS.map((field) => field.fieldName).sort());
    for (const row of results.memory) {
      expect(row.invocations).toBe(results.settings.memoryInvocations);
      for (const figure of [
        row.rssMiBAfter1,
        row.rssMiBAfterN,
        row.heapMiBAfter1,
        row.heapMiBAfterN,
        row.maxRssMiB,
        row.cpuMsPerInvocation,
      ])
        expect(figure).toBeGreaterThan(0);
    }
    expect(results.lambdaSizing.perSize.map((point) => point.memoryMb)).toEqual([128, 256, 512, 1024]);
    expect([128, 256, 512, 1024]).toContain(results.lambdaSizing.chosenMb);
  });

  it('measures capacity units on the table and the owner index, or says why not, and prices with what it has', () => {
    const { capacity, cost } = results;
    if (capacity.status === 'measured') expect(cost.units.source).toBe('measured');
    else expect(capacity.skippedReason).toMatch(/\w/);
    expect(cost.designs).toHaveLength(2 * capacity.sizes.length);
    for (const design of cost.designs) {
      expect(design.perOperation.map((entry) => entry.operation).sort()).toEqual([...OPERATIONS].sort());
      expect(design.readHeavyMixPerMillion).toBeGreaterThan(0);
    }
  });

  it("measures issue 19's offline figures: full and delta syncs through memoChanges, DataStore's Scan beside our Query, the index layouts", () => {
    const { offline } = results;
    expect(offline.fullSyncs.map((row) => row.memos)).toEqual([100, 300]);
    for (const row of offline.fullSyncs) {
      expect(row.fullSync.received).toBe(row.memos);
      expect(row.delta.received).toBe(10);
    }
    expect(offline.dataStore.scan.itemsRead).toBe(offline.dataStore.users * offline.dataStore.memosPerUser);
    expect(offline.dataStore.readUnitRatio).toBeGreaterThan(1);
    if (offline.feedLayouts.status === 'measured') expect(offline.feedLayouts.verdict).toHaveLength(3);
    else expect(offline.feedLayouts.skippedReason).toMatch(/\w/);
    // Every queued create of the SDK's offline store reached the local runtime once.
    expect(offline.outboxDrain).toMatchObject({
      status: 'measured',
      edits: results.settings.outboxEdits,
      createsSent: results.settings.outboxEdits,
    });
  });

  it("measures issue 20's search: every kind of search's first page at each owner size, no match reading the whole partition", () => {
    const { search } = results;
    expect([...new Set(search.rows.map((row) => row.memos))]).toEqual([100, 1000]);
    expect(search.rows).toHaveLength(2 * 5);
    for (const row of search.rows.filter((r) => r.kind === 'no match'))
      expect(row.firstPage).toMatchObject({ itemsRead: row.memos, received: 0 });
    expect(search.addedWriteUnitsPerMemo).toBe(0);
    expect(search.limits.length).toBeGreaterThan(0);
    // The lookup prototypes beside it, on the same searches, with their write cost.
    expect(search.designs.rows).toHaveLength(3 * 2 * 5);
    expect(search.designs.writes.map((write) => write.layout)).toEqual(expect.arrayContaining(['tag items', 'word items']));
  });

  it("measures issue 20's client search libraries in Chromium, or prints why not (a skip fails under CI=true)", () => {
    // The rule every suite follows for a program from the machine: missing, it is a skip here and a failure on CI.
    const chromiumPath = systemPartFor("the quick bench's client search section", CHROMIUM, benchEnv());
    const { clientSearch } = results;
    expect(clientSearch.status).toBe(chromiumPath ? 'measured' : 'skipped');
    if (clientSearch.status === 'skipped') {
      expect(clientSearch.skippedReason).toContain('no Chromium at');
      expect(stdout).toContain(`10. Client search (issue 20, item 4): skipped: ${clientSearch.skippedReason}\n`);
      return;
    }
    expect(clientSearch.memos).toBe(1000);
    expect(clientSearch.rows.map((row) => row.library)).toEqual(['MiniSearch', 'FlexSearch', 'Orama']);
    for (const row of clientSearch.rows) {
      expect(row.bundleGzipBytes).toBeGreaterThan(0);
      expect(row.queryP95Ms).toBeGreaterThanOrEqual(row.queryP50Ms);
      expect(row.heapMiB).toBeGreaterThan(0);
    }
    expect(stdout).toContain(clientSearch.choice.reason);
  });

  it("models issue 21's cold starts per session: each design's cold start measured, every traffic level × profile × design, the roles, the rule's pick", () => {
    const { sessions } = results;
    expect(sessions.coldStarts.map((row) => row.design)).toEqual(['A', 'B', 'C']);
    for (const row of sessions.coldStarts) {
      expect(row.firstResponse.runs).toBe(results.settings.coldStartRuns);
      expectSpread(row.firstResponse.wallMs);
    }
    // A is the memo handler alone, built by the bench; B, every handler, is the deployed bundle, so it holds more.
    expect(sessions.coldStarts.map((row) => row.bundle)).toEqual([
      'memo alone (built by the bench)',
      `all ${MEMO_FIELDS.length} fields (deployed)`,
      `the ${MEMO_FIELDS.filter((field) => field.typeName === 'Query').length} read fields (built by the bench)`,
    ]);
    expect(sessions.coldStarts[1]!.bytes).toBeGreaterThan(sessions.coldStarts[0]!.bytes);
    expect(sessions.rows).toHaveLength(3 * 2 * 3);
    for (const row of sessions.rows)
      for (const outcome of Object.values(row.outcomes)) expect(outcome.sessions).toBe(sessions.settings.sessions);
    expect(sessions.iam.perField.map((role) => role.fieldName).sort()).toEqual(MEMO_FIELDS.map((field) => field.fieldName).sort());
    expect(sessions.iam.designs.find((design) => design.design === 'B')!.readFieldsThatCouldWrite.length).toBeGreaterThan(0);
    // The roles as deployed: every field served, none lacking a grant of its own list.
    expect(sessions.iam.deployed.roles.flatMap((role) => role.fieldNames).sort()).toEqual(
      MEMO_FIELDS.map((field) => field.fieldName).sort(),
    );
    expect(sessions.iam.deployed.lacking.every((field) => field.grants.length === 0)).toBe(true);
    expect(stdout).toContain(`   As deployed (the synthesized template): ${sessions.iam.deployed.roles.length} role(s): `);
    expect(stdout).toContain(`   Choice: ${sessions.choice.chosen} — ${sessions.choice.reason}`);
  });

  it('prints every table', () => {
    for (const heading of [
      '1. DynamoDB round trips',
      '2. Endpoint',
      '3. Cold start',
      '4. Scale',
      '5. Memory',
      '6. DynamoDB capacity units',
      '7. Cost',
      '8. Offline sync',
      '9. Search (issue 20)',
      '10. Client search (issue 20, item 4)',
      '11. Cold starts per session (issue 21, item 5)',
    ])
      expect(stdout).toContain(heading);
  });
});
