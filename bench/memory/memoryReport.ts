import { textTable } from '../textTable.js';
import type { LambdaSizing } from './sizingSettings.js';
import type { MemoryRow } from './measureMemory.js';

/**
 * The memory measurement and the Lambda size chosen from it, as plain-text tables in the bench
 * report's form: what each handler holds after 1 and after N invocations (no growth over the
 * second half = no leak), then each operation's modelled duration and cost at each size.
 */
export function memoryReportLines(rows: readonly MemoryRow[], sizing: LambdaSizing): string[] {
  const lines: string[] = [];
  const invocations = [...new Set(rows.map((row) => row.invocations))].join(' / ');
  lines.push(
    `Memory per field: its own requests on the bundle of the function that serves it (one bundle for every field: the rows differ by workload, not by code), 1 + ${invocations} invocations one after another in one process, under the V8 heap limits the Lambda runtime sets at the size shown; readings after a full GC`,
  );
  lines.push(
    ...textTable(
      [
        'function',
        'V8 limits of',
        'RSS MiB after 1 → N',
        'heap MiB after 1 → half → N',
        'heap growth KiB / 1,000 (2nd half)',
        'peak RSS MiB',
        'CPU ms / invocation',
      ],
      rows.map((row) => [
        row.fieldName,
        `${row.lambdaMemoryMb} MB`,
        `${row.rssMiBAfter1.toFixed(1)} → ${row.rssMiBAfterN.toFixed(1)}`,
        `${row.heapMiBAfter1.toFixed(2)} → ${row.heapMiBAtHalf.toFixed(2)} → ${row.heapMiBAfterN.toFixed(2)}`,
        row.heapGrowthKiBPer1000.toFixed(1),
        row.maxRssMiB.toFixed(1),
        row.cpuMsPerInvocation.toFixed(3),
      ]),
    ),
  );
  lines.push(
    '   CPU = user + system of the whole process per invocation on this machine (event JSON parse, handler, SDK, log line, result serialisation); RSS grows past the first reading as V8 fills its young generation, the heap as it compiles: growth over the second half is the leak signal.',
    '',
  );

  const { assumptions } = sizing;
  lines.push(
    `Lambda size, arm64, warm invocation: modelled duration = ${assumptions.dynamoDbWaitMs} ms DynamoDB wait + CPU × ${assumptions.fullVcpuMb}/M (billed ms) and Lambda cost (requests + GB-s), USD per million`,
  );
  const sizes = sizing.perSize;
  const operations = sizes[0]?.perOperation.map((op) => op.operation) ?? [];
  lines.push(
    ...textTable(
      ['operation', ...sizes.map((point) => `${point.memoryMb} MB (${point.vcpuShare} vCPU)`)],
      [
        ...operations.map((operation, i) => [
          operation,
          ...sizes.map((point) => {
            const op = point.perOperation[i]!;
            return `${op.waitMs} + ${op.cpuPartMs.toFixed(2)} = ${op.modelledMs.toFixed(2)} ms (${op.billedMs}) $${op.lambdaCostPerMillion.toFixed(4)}`;
          }),
        ]),
        ['CPU from the run at', ...sizes.map((point) => distinctSizes(point.perOperation.map((op) => op.cpuMeasuredAtMb)))],
        ['peak RSS from the run at', ...sizes.map((point) => distinctSizes(point.perOperation.map((op) => op.rssMeasuredAtMb)))],
        ['mean cost per million', ...sizes.map((point) => `$${point.meanCostPerMillion.toFixed(4)}`)],
        [`peak RSS × ${assumptions.memoryHeadroom} fits`, ...sizes.map((point) => yesNo(point.fitsMemory, maxRss(point)))],
        [
          `CPU part ≤ ${assumptions.maxCpuShareOfWait} × wait`,
          ...sizes.map((point) => yesNo(point.ioBound, `max ${maxCpuPart(point)} ms`)),
        ],
      ],
    ),
  );
  lines.push(...assumptions.notes.map((note) => `   ${note}`));
  lines.push(
    `   Prices: $${assumptions.prices.perMillionRequests} per million requests, $${assumptions.prices.perGbSecondArm64} per GB-s (arm64), from bench/cost/prices.json.`,
  );
  lines.push('', `Chosen: ${sizing.chosenMb} MB. ${sizing.reason}`, '');
  return lines;
}

function distinctSizes(sizesMb: readonly number[]): string {
  return [...new Set(sizesMb)].map((memoryMb) => `${memoryMb} MB`).join(', ');
}

function yesNo(ok: boolean, detail: string): string {
  return `${ok ? 'yes' : 'NO'} (${detail})`;
}

function maxRss(point: LambdaSizing['perSize'][number]): string {
  return `${Math.max(...point.perOperation.map((op) => op.maxRssMiB)).toFixed(1)} MiB`;
}

function maxCpuPart(point: LambdaSizing['perSize'][number]): string {
  return Math.max(...point.perOperation.map((op) => op.cpuPartMs)).toFixed(2);
}
