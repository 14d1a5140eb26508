import { textTable } from '../textTable.js';
import type { CostFigures } from './costFigures.js';

/**
 * The cost figures as plain-text lines (the bench report's cost section): per design, dollars
 * per million calls by memo size with the owner and feed indexes' shares of the DynamoDB part, and the
 * read-heavy mix; then the seed's provisioned-throughput caveat.
 */
export function costReportLines(cost: CostFigures, heading = 'Cost on AWS'): string[] {
  const { units, assumptions } = cost;
  const unitsText =
    units.source === 'measured'
      ? `capacity units measured on ${units.store}`
      : `capacity units: the pricing rules' minimum, NOT measured (${units.skippedReason})`;
  const lines = [
    `${heading}, USD per million calls (prices: ${cost.pricesRetrieved}; ${unitsText}; warm Lambda ms: ${Object.entries(
      assumptions.lambdaMsPerOperation,
    )
      .map(([operation, ms]) => `${operation} ${ms}`)
      .join(', ')})`,
  ];
  for (const name of [...new Set(cost.designs.map((entry) => entry.design.name))]) {
    const bySize = cost.designs.filter((entry) => entry.design.name === name);
    const [first] = bySize;
    if (!first) continue;
    const indexed = first.design.ownerIndex;
    lines.push(
      `   ${name}, ${first.design.lambdaMemoryMb} MB: total by memo size; the ${first.itemSizeKb} KB split is AppSync + Lambda + DynamoDB${indexed ? '; owner index, feed index: their shares of the DynamoDB part' : ''}`,
    );
    lines.push(
      ...textTable(
        [
          'operation',
          ...bySize.map((entry) => `${entry.itemSizeKb} KB memos`),
          `${first.itemSizeKb} KB split`,
          ...(indexed ? ['owner index share', 'feed index share'] : []),
        ],
        first.perOperation.map((firstCost, row) => [
          firstCost.operation,
          ...bySize.map((entry) => entry.perOperation[row]!.total),
          `${firstCost.appsync} + ${firstCost.lambda} + ${firstCost.dynamodb}`,
          ...(indexed
            ? (['dynamodbOwnerIndex', 'dynamodbFeedIndex'] as const).map((part) =>
                bySize.map((entry) => percent(entry.perOperation[row]![part], entry.perOperation[row]!.dynamodb)).join(' / '),
              )
            : []),
        ]),
      ).map((line) => (line ? `   ${line}` : line)),
    );
    const mix = Object.entries(assumptions.readHeavyMix)
      .map(([operation, share]) => `${operation} ${share * 100}%`)
      .join(', ');
    lines.push(
      `   read-heavy mix (${mix}): ${bySize
        .map(
          (entry) =>
            `$${entry.readHeavyMixPerMillion} at ${entry.itemSizeKb} KB (DynamoDB $${entry.readHeavyMixDynamodb}${indexed ? `, owner index ${percent(entry.readHeavyMixDynamodbOwnerIndex, entry.readHeavyMixDynamodb)} and feed index ${percent(entry.readHeavyMixDynamodbFeedIndex, entry.readHeavyMixDynamodb)} of it` : ''})`,
        )
        .join(', ')} per million`,
      '',
    );
  }
  lines.push(
    `   The seed's provisioned table is cheapest per call only at 100 % utilisation, and caps writes at 1/s: a million writes take ${cost.seedProvisionedDaysPerMillionWrites} days; bursts throttle.`,
  );
  return lines;
}

/** `part` as a share of `whole`, e.g. `50 %`; `–` when the whole is nothing. */
function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
}
