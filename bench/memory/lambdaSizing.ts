import { round } from '../stats.js';
import type { MemoryRow } from './measureMemory.js';
import { chooseSize } from './sizeRule.js';
import {
  FULL_VCPU_MB,
  SIZING_DEFAULTS,
  type LambdaPrices,
  type LambdaSizing,
  type SizePoint,
  type SizingOptions,
  type SizingSettings,
} from './sizingSettings.js';

const SOURCES = {
  vcpu: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html ("At 1,769 MB, a function has the equivalent of one vCPU")',
  billing:
    'https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/ (duration rounded up to the nearest 1 ms)',
  dynamodb:
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Introduction.html ("single-digit millisecond performance at any scale")',
};

/**
 * Models each operation's warm duration and Lambda cost at each size from the measured CPU and
 * memory, and picks the size.
 *
 * Model: at M MB (below 1,769) the function gets M/1769 of a vCPU, so the CPU measured on one
 * full core here takes cpu × 1769/M; the wait for DynamoDB does not depend on M. Duration =
 * round trips × wait + cpu × 1769/M, billed rounded up to 1 ms; cost = requests + billed ms × M/1024 GB × price.
 * Below 1,769 MB the CPU part therefore costs the same at every size (time × memory is constant)
 * while the wait costs in proportion to M: a larger size only ever buys latency.
 *
 * Rule: the cheapest size at which (1) every handler's peak RSS × `memoryHeadroom` fits, and
 * (2) every operation stays I/O-bound — its CPU part at most `maxCpuShareOfWait` × its DynamoDB
 * wait. Below that size the CPU share, not DynamoDB, sets the latency, and each halving of memory
 * doubles that part; above it, more memory shortens a part already smaller than the wait, for a
 * GB-second price that keeps growing.
 *
 * @example
 * const sizing = lambdaSizing(rows, prices); // prices: bench/cost/prices.json
 * sizing.chosenMb; // e.g. 512
 * @throws when `rows` is empty
 */
export function lambdaSizing(rows: readonly MemoryRow[], prices: LambdaPrices, options: SizingOptions = {}): LambdaSizing {
  if (rows.length === 0) throw new Error('lambdaSizing needs at least one measured handler');
  const settings: SizingSettings = {
    memorySizesMb: options.memorySizesMb ?? SIZING_DEFAULTS.memorySizesMb,
    dynamoDbWaitMs: options.dynamoDbWaitMs ?? SIZING_DEFAULTS.dynamoDbWaitMs,
    memoryHeadroom: options.memoryHeadroom ?? SIZING_DEFAULTS.memoryHeadroom,
    maxCpuShareOfWait: options.maxCpuShareOfWait ?? SIZING_DEFAULTS.maxCpuShareOfWait,
  };
  const operations = [...new Set(rows.map((row) => row.fieldName))];
  const roundTrips = Object.fromEntries(operations.map((operation) => [operation, options.roundTrips?.[operation] ?? 1]));
  const price = { perMillionRequests: prices.lambda.perMillionRequests.price, perGbSecondArm64: prices.lambda.perGbSecondArm64.price };

  const perSize = settings.memorySizesMb.map((memoryMb): SizePoint => {
    const perOperation = operations.map((operation) => {
      const cpuRow = longestRun(rows, operation, memoryMb);
      const rssRow = nearestRow(rows, operation, memoryMb);
      const cpuPartMs = cpuRow.cpuMsPerInvocation * Math.max(1, FULL_VCPU_MB / memoryMb);
      const waitMs = roundTrips[operation]! * settings.dynamoDbWaitMs;
      const modelledMs = waitMs + cpuPartMs;
      // Rounded first so that float noise (7.0000000001) does not bill a whole extra ms.
      const billedMs = Math.ceil(round(modelledMs, 6));
      const gbSeconds = (billedMs / 1000) * (memoryMb / 1024);
      return {
        operation,
        measuredCpuMs: cpuRow.cpuMsPerInvocation,
        cpuMeasuredAtMb: cpuRow.lambdaMemoryMb,
        rssMeasuredAtMb: rssRow.lambdaMemoryMb,
        cpuPartMs: round(cpuPartMs, 2),
        waitMs,
        modelledMs: round(modelledMs, 2),
        billedMs,
        lambdaCostPerMillion: round(price.perMillionRequests + gbSeconds * price.perGbSecondArm64 * 1e6, 4),
        maxRssMiB: rssRow.maxRssMiB,
        fitsMemory: rssRow.maxRssMiB * settings.memoryHeadroom <= memoryMb,
        ioBound: cpuPartMs <= settings.maxCpuShareOfWait * waitMs,
      };
    });
    return {
      memoryMb,
      vcpuShare: round(Math.min(1, memoryMb / FULL_VCPU_MB), 3),
      perOperation,
      meanCostPerMillion: round(perOperation.reduce((sum, op) => sum + op.lambdaCostPerMillion, 0) / perOperation.length, 4),
      fitsMemory: perOperation.every((op) => op.fitsMemory),
      ioBound: perOperation.every((op) => op.ioBound),
    };
  });

  const { chosenMb, reason } = chooseSize(perSize, settings);
  return {
    assumptions: {
      fullVcpuMb: FULL_VCPU_MB,
      dynamoDbWaitMs: settings.dynamoDbWaitMs,
      roundTrips,
      memoryHeadroom: settings.memoryHeadroom,
      maxCpuShareOfWait: settings.maxCpuShareOfWait,
      prices: price,
      notes: notes(settings, roundTrips),
    },
    perSize,
    chosenMb,
    reason,
  };
}

/**
 * Peak RSS depends on the V8 limits (the young generation is a tenth of the size): the row measured
 * for `operation` at `memoryMb`, or else under the nearest size's limits (the larger on a tie).
 */
function nearestRow(rows: readonly MemoryRow[], operation: string, memoryMb: number): MemoryRow {
  return rows.filter((row) => row.fieldName === operation).reduce((best, row) => (closer(row, best, memoryMb) ? row : best));
}

/**
 * CPU per invocation depends far more on how long the run was (the first thousand invocations
 * run partly unoptimised) than on the V8 limits, which moved it less than run-to-run noise here:
 * the operation's longest run, the nearest size among equals.
 */
function longestRun(rows: readonly MemoryRow[], operation: string, memoryMb: number): MemoryRow {
  return rows
    .filter((row) => row.fieldName === operation)
    .reduce((best, row) =>
      row.invocations > best.invocations || (row.invocations === best.invocations && closer(row, best, memoryMb)) ? row : best,
    );
}

function closer(row: MemoryRow, than: MemoryRow, memoryMb: number): boolean {
  const distance = Math.abs(row.lambdaMemoryMb - memoryMb);
  const otherDistance = Math.abs(than.lambdaMemoryMb - memoryMb);
  return distance < otherDistance || (distance === otherDistance && row.lambdaMemoryMb > than.lambdaMemoryMb);
}

function notes(settings: SizingSettings, roundTrips: Readonly<Record<string, number>>): string[] {
  const trips = Object.entries(roundTrips)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  return [
    `CPU share: M/${FULL_VCPU_MB} of a vCPU below ${FULL_VCPU_MB} MB — ${SOURCES.vcpu}. One core of this machine stands in for a Graviton vCPU (not calibrated: a slower Graviton core lengthens every CPU part alike).`,
    `DynamoDB wait: ${settings.dynamoDbWaitMs} ms per request, the middle of DynamoDB's single-digit-millisecond range for one in-region request from Lambda over a kept-alive connection — ${SOURCES.dynamodb}. Requests per operation: ${trips} (the bench's round-trip counts).`,
    `Duration at M = wait + measured CPU × ${FULL_VCPU_MB}/M; billed rounded up to 1 ms — ${SOURCES.billing}. Warm invocations only: cold starts (init) are in the cold-start section, not in this model.`,
    `Memory: Lambda's limit is for the whole process; the peak RSS measured under each size's V8 limits must fit ${settings.memoryHeadroom}× (headroom for the runtime client and for 64 KB memos and 100-memo list pages, which the measured sample memos, a few hundred bytes each, do not exercise).`,
    `Rule: the cheapest size where memory fits and every operation is I/O-bound (CPU part ≤ ${settings.maxCpuShareOfWait} × DynamoDB wait). Below ${FULL_VCPU_MB} MB the CPU part costs the same at every size and the wait costs in proportion to M, so a larger size only buys latency.`,
  ];
}
