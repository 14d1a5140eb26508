import { SERVICE_NAME } from '../../../resolvers/lib/logger.js';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { measureObservability, type ObservabilityFigures } from '../../../bench/observability/measureObservability.js';
import { observabilityReportLines } from '../../../bench/observability/observabilityReport.js';
import { TRACER_RULE_TEXT, tracerDecision } from '../../../bench/observability/tracerRule.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { TEST_STORE_CONFIG, testMemoStore } from '../../helpers/testStore.js';

// Harness test (quick settings): it proves the section is produced from real cold starts and warm
// calls of the three variants, never what the figures are.
let figures: ObservabilityFigures;
const logged: string[] = [];

beforeAll(async () => {
  await createMemoTable();
  const store = {
    endpoint: inject('dynamodbEndpoint'),
    tableName: TEST_STORE_CONFIG.tableName,
    region: 'us-east-1',
    credentials: TEST_STORE_CONFIG.credentials,
  };
  figures = await measureObservability({ POWERTOOLS_SERVICE_NAME: SERVICE_NAME, POWERTOOLS_LOG_LEVEL: 'INFO' }, store, {
    runs: 2,
    warmCalls: 3,
    log: (line) => logged.push(line),
  });
}, 180_000);

describe('measureObservability', () => {
  it('times each variant cold and warm, against the variant without observability', () => {
    expect(figures).toMatchObject({ runs: 2, warmCalls: 3 });
    expect(figures.rows.map((row) => row.name)).toEqual(['deployed', 'none', 'tracer']);
    const none = figures.rows[1]!;
    for (const row of figures.rows) {
      expect(row.firstResponse.runs, row.name).toBe(2);
      expect(row.firstResponse.wallMs.median, row.name).toBeGreaterThan(0);
      expect(row.warmMs.median, row.name).toBeGreaterThan(0);
      expect(row.firstResponseCpuMs.median, row.name).toBeGreaterThan(0);
      expect(row.cpuVsNoneMs, row.name).toBeCloseTo(row.firstResponseCpuMs.median - none.firstResponseCpuMs.median, 0);
      expect(row.vsNoneMs, row.name).toBeCloseTo(row.firstResponse.wallMs.median - none.firstResponse.wallMs.median, 0);
      expect(row.warmVsNoneMs, row.name).toBeCloseTo(row.warmMs.median - none.warmMs.median, 2);
    }
    expect(logged).toEqual([expect.stringContaining('2 cold starts each'), expect.stringContaining('3 warm calls, 2 processes each')]);
  });

  it('proves Tracer was on: its cold starts reached the stand-in daemon, the DynamoDB call among them', () => {
    expect(figures.traces.documentsPerColdStart).toBeGreaterThan(0);
    expect(figures.traces.dynamoDbSubsegment).toBe(true);
  });

  it('applies the rule written before measuring to the measured medians', () => {
    const [deployed, , tracer] = figures.rows.map((row) => row.firstResponse.wallMs.median);
    expect(figures.rule).toBe(TRACER_RULE_TEXT);
    expect(figures.decision).toEqual(tracerDecision(deployed!, tracer!));
  });

  it('prints every variant, the rule under the table and the decision', () => {
    const text = observabilityReportLines(figures).join('\n');
    for (const row of figures.rows) expect(text).toContain(row.label);
    expect(text).toContain(TRACER_RULE_TEXT);
    expect(text).toContain(`Decision: ${figures.decision.reason}`);
  });

  it('leaves no memo behind', async () => {
    const { Count } = await testMemoStore().documentClient.send(
      new ScanCommand({ TableName: TEST_STORE_CONFIG.tableName, Select: 'COUNT' }),
    );
    expect(Count).toBe(0);
  });
});
