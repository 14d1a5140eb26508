import { describe, expect, it } from 'vitest';
import { lambdaSizing } from '../../../bench/memory/lambdaSizing.js';
import type { MemoryRow } from '../../../bench/memory/measureMemory.js';
import { memoryReportLines } from '../../../bench/memory/memoryReport.js';

const ROWS: MemoryRow[] = ['memo', 'listMemos'].map((fieldName, i) => ({
  fieldName,
  lambdaMemoryMb: 512,
  invocations: 10_000,
  rssMiBAfter1: 50,
  heapMiBAfter1: 6,
  externalMiBAfter1: 2,
  heapMiBAtHalf: 8,
  rssMiBAfterN: 90,
  heapMiBAfterN: 8.01,
  externalMiBAfterN: 2,
  heapGrowthKiBPer1000: 2,
  maxRssMiB: 95 + i,
  maxRssSource: 'VmHWM',
  cpuMsPerInvocation: 0.6 + i / 10,
  wallMsPerInvocation: 1,
}));
const PRICES = { lambda: { perMillionRequests: { price: 0.2 }, perGbSecondArm64: { price: 0.0000133334 } } };

describe('memoryReportLines', () => {
  const sizing = lambdaSizing(ROWS, PRICES);
  const lines = memoryReportLines(ROWS, sizing);
  const tableRows = (first: string) => lines.filter((line) => line.startsWith(`| ${first}`));

  it('prints one memory row per handler and one sizing row per operation, a column per size', () => {
    expect(tableRows('memo ')).toHaveLength(2);
    expect(tableRows('listMemos ')).toHaveLength(2);
    const header = lines.find((line) => line.startsWith('| operation'))!;
    expect(
      header
        .split('|')
        .slice(2, -1)
        .map((cell) => cell.trim()),
    ).toEqual(['128 MB (0.072 vCPU)', '256 MB (0.145 vCPU)', '512 MB (0.289 vCPU)', '1024 MB (0.579 vCPU)']);
  });

  it('ends with the chosen size and the rule behind it, after the assumptions', () => {
    expect(lines).toContain(`Chosen: ${sizing.chosenMb} MB. ${sizing.reason}`);
    expect(lines.join('\n')).toContain('1769');
  });
});
