import { describe, expect, it } from 'vitest';
import { lambdaSizing } from '../../../bench/memory/lambdaSizing.js';
import { FULL_VCPU_MB, type LambdaPrices } from '../../../bench/memory/sizingSettings.js';
import type { MemoryRow } from '../../../bench/memory/measureMemory.js';

const PRICES: LambdaPrices = { lambda: { perMillionRequests: { price: 0.2 }, perGbSecondArm64: { price: 0.0000133334 } } };

/** A measured row with only what the model reads set to something meaningful. */
function row(fieldName: string, cpuMsPerInvocation: number, maxRssMiB = 60, lambdaMemoryMb = 512, invocations = 10_000): MemoryRow {
  return {
    fieldName,
    lambdaMemoryMb,
    invocations,
    rssMiBAfter1: 50,
    heapMiBAfter1: 6,
    externalMiBAfter1: 2,
    heapMiBAtHalf: 8,
    rssMiBAfterN: 55,
    heapMiBAfterN: 8,
    externalMiBAfterN: 2,
    heapGrowthKiBPer1000: 0,
    maxRssMiB,
    maxRssSource: 'VmHWM',
    cpuMsPerInvocation,
    wallMsPerInvocation: 1,
  };
}

function at(sizing: ReturnType<typeof lambdaSizing>, memoryMb: number, operation: string) {
  const op = sizing.perSize.find((point) => point.memoryMb === memoryMb)?.perOperation.find((entry) => entry.operation === operation);
  if (!op) throw new Error(`no ${operation} at ${memoryMb} MB`);
  return op;
}

describe('lambdaSizing', () => {
  it('models duration as the DynamoDB wait plus the CPU stretched by 1769/M, billed up to the next ms', () => {
    const sizing = lambdaSizing([row('memo', 0.5)], PRICES, { dynamoDbWaitMs: 5 });
    const memo = at(sizing, 512, 'memo');
    // 0.5 ms × 1769 / 512 = 1.7275 ms of CPU on 0.289 of a vCPU.
    expect(memo).toMatchObject({ waitMs: 5, cpuPartMs: 1.73, modelledMs: 6.73, billedMs: 7 });
    // $0.20 per million requests + 1e6 × 0.007 s × 0.5 GB × $0.0000133334.
    expect(memo.lambdaCostPerMillion).toBe(0.2467);
    expect(sizing.perSize.find((point) => point.memoryMb === 512)?.vcpuShare).toBe(0.289);
  });

  it('gives no more than one vCPU: at 1769 MB and above the CPU part is the measured CPU', () => {
    const sizing = lambdaSizing([row('memo', 0.5)], PRICES, { memorySizesMb: [FULL_VCPU_MB, 2048] });
    expect(at(sizing, FULL_VCPU_MB, 'memo').cpuPartMs).toBe(0.5);
    expect(at(sizing, 2048, 'memo').cpuPartMs).toBe(0.5);
  });

  it('charges the CPU part the same at every size below one vCPU, so a larger size costs more only through the wait', () => {
    // 10 ms of CPU here takes 10 × 1769/M ms at M: time × memory does not depend on M (the 1 ms rounding aside).
    const sizing = lambdaSizing([row('memo', 10)], PRICES, { dynamoDbWaitMs: 0, memorySizesMb: [128, 1024] });
    const gbSeconds = (memoryMb: number) => (at(sizing, memoryMb, 'memo').billedMs / 1000) * (memoryMb / 1024);
    expect(gbSeconds(128) / gbSeconds(1024)).toBeCloseTo(1, 1);
  });

  it('multiplies the wait by the round trips an operation makes', () => {
    const sizing = lambdaSizing([row('memo', 0.5), row('listMemos', 0.5)], PRICES, { dynamoDbWaitMs: 4, roundTrips: { listMemos: 2 } });
    expect(at(sizing, 1024, 'memo').waitMs).toBe(4);
    expect(at(sizing, 1024, 'listMemos').waitMs).toBe(8);
  });

  it('chooses the cheapest size where memory fits and every operation is I/O-bound', () => {
    // CPU part 6.91 ms at 128 MB (more than the 5 ms wait), 3.45 ms at 256 MB.
    const sizing = lambdaSizing([row('memo', 0.5), row('createMemo', 0.4)], PRICES, { dynamoDbWaitMs: 5 });
    expect(sizing.perSize.map((point) => [point.memoryMb, point.ioBound])).toEqual([
      [128, false],
      [256, true],
      [512, true],
      [1024, true],
    ]);
    expect(sizing.chosenMb).toBe(256);
    expect(sizing.reason).toMatch(/^256 MB: the cheapest size/);
    expect(sizing.reason).toContain('128 MB CPU-bound');
  });

  it('rejects a size whose memory would be too tight, with the headroom applied', () => {
    // 100 MiB × 1.5 = 150 > 128, although the CPU would be fine there.
    const sizing = lambdaSizing([row('memo', 0.1, 100)], PRICES, { memoryHeadroom: 1.5 });
    expect(at(sizing, 128, 'memo').ioBound).toBe(true);
    expect(at(sizing, 128, 'memo').fitsMemory).toBe(false);
    expect(sizing.chosenMb).toBe(256);
    expect(sizing.reason).toContain('peak RSS 100 MiB (memo) × 1.5 > 128');
  });

  it('falls back to the largest size that fits, and says so, when no size qualifies', () => {
    const sizing = lambdaSizing([row('listMemos', 10)], PRICES);
    expect(sizing.perSize.every((point) => !point.ioBound)).toBe(true);
    expect(sizing.chosenMb).toBe(1024);
    expect(sizing.reason).toMatch(/^No size meets both conditions/);
  });

  it('takes peak RSS from the run under the nearest V8 limits, CPU from the longest run', () => {
    const sizing = lambdaSizing(
      [row('memo', 2, 50, 128, 2_000), row('memo', 1, 70, 512, 10_000), row('memo', 1.5, 90, 1024, 2_000)],
      PRICES,
    );
    expect([128, 256, 512, 1024].map((memoryMb) => at(sizing, memoryMb, 'memo').rssMeasuredAtMb)).toEqual([128, 128, 512, 1024]);
    expect([128, 256, 512, 1024].map((memoryMb) => at(sizing, memoryMb, 'memo').maxRssMiB)).toEqual([50, 50, 70, 90]);
    expect([128, 256, 512, 1024].map((memoryMb) => at(sizing, memoryMb, 'memo').measuredCpuMs)).toEqual([1, 1, 1, 1]);
  });

  it('among runs of equal length, takes CPU from the nearest size', () => {
    const sizing = lambdaSizing([row('memo', 2, 50, 128), row('memo', 1, 70, 1024)], PRICES);
    expect(at(sizing, 256, 'memo').cpuMeasuredAtMb).toBe(128);
    expect(at(sizing, 512, 'memo').cpuMeasuredAtMb).toBe(128);
    expect(at(sizing, 1024, 'memo').cpuMeasuredAtMb).toBe(1024);
  });

  it('states its assumptions with their sources', () => {
    const { assumptions } = lambdaSizing([row('memo', 0.5)], PRICES);
    expect(assumptions).toMatchObject({ fullVcpuMb: 1769, dynamoDbWaitMs: 5, roundTrips: { memo: 1 }, memoryHeadroom: 1.5 });
    expect(assumptions.notes.join('\n')).toContain('https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html');
  });

  it('refuses to size from no measurement', () => {
    expect(() => lambdaSizing([], PRICES)).toThrow(/at least one/);
  });
});
