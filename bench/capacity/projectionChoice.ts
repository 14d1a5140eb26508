import { dynamoDbOnDemandPerMillion, READ_HEAVY_MIX } from '../cost/costModel.js';
import { loadPrices } from '../cost/priceTable.js';
import { round } from '../stats.js';
import { MEMO_OPERATIONS, type IndexDesignName, type IndexDesignRow, type ProjectionVerdict } from './capacityFigures.js';
import { agreedUnits } from './callUnits.js';
import type { DesignRunSize } from './designRun.js';
import { designMinimum, INDEX_DESIGNS, PAGE_SIZE, type IndexDesign } from './indexDesigns.js';

/**
 * One design at one memo size: each operation's measured units beside the rules' minimum, and the
 * read-heavy mix's DynamoDB on-demand cost from the measured units (the minimum when `measured`
 * is undefined, i.e. the measurement was skipped), list calls scaled to full pages.
 */
export function designRow(design: IndexDesign, kb: number, measured: DesignRunSize | undefined): IndexDesignRow {
  const agreed =
    measured &&
    Object.fromEntries(
      MEMO_OPERATIONS.map((operation) => [operation, agreedUnits(`${design.design}: ${operation} at ${kb} KB`, measured.calls[operation])]),
    );
  const itemsRead = agreed?.listMemos?.itemsRead;
  const minimum = designMinimum(design, kb, itemsRead === undefined ? undefined : { itemsRead });
  const pageMemos = measured?.pageMemos ?? minimum.pageMemos;
  const prices = loadPrices();
  let mixPerMillion = 0;
  const perOperation = {} as IndexDesignRow['perOperation'];
  for (const operation of MEMO_OPERATIONS) {
    const used = agreed?.[operation]?.units;
    perOperation[operation] = { measured: used ?? null, minimum: minimum.perOperation[operation] };
    const callsPerPage = operation === 'listMemos' ? PAGE_SIZE / pageMemos : 1;
    mixPerMillion +=
      READ_HEAVY_MIX[operation] * callsPerPage * dynamoDbOnDemandPerMillion(used ?? minimum.perOperation[operation], prices).total;
  }
  return {
    design: design.design,
    kb,
    listRequests: agreed?.listMemos?.requests ?? design.list.split(' + '),
    pageMemos,
    itemsRead: itemsRead ?? minimum.itemsRead,
    rulePageMemos: designMinimum(design, kb).pageMemos,
    perOperation,
    readHeavyMixPerMillion: round(mixPerMillion, 4),
  };
}

/**
 * Per memo size, the cheapest design for the read-heavy mix among those that serve listMemos
 * (whole memos on a page). A tie keeps the earlier design in INDEX_DESIGNS: ALL, the deployed one.
 */
export function projectionVerdict(rows: readonly IndexDesignRow[]): ProjectionVerdict[] {
  const serving = new Set(INDEX_DESIGNS.filter((design) => design.servesList).map((design) => design.design));
  const sizes = [...new Set(rows.map((row) => row.kb))];
  return sizes.map((kb) => {
    const candidates = INDEX_DESIGNS.map((design) => rows.find((row) => row.kb === kb && row.design === design.design)).filter(
      (row): row is IndexDesignRow => row !== undefined && serving.has(row.design),
    );
    const cheapest = candidates.reduce((best, row) => (row.readHeavyMixPerMillion < best.readHeavyMixPerMillion ? row : best));
    const perMillion: Partial<Record<IndexDesignName, number>> = Object.fromEntries(
      candidates.map((row) => [row.design, row.readHeavyMixPerMillion]),
    );
    return { kb, cheapest: cheapest.design, perMillion };
  });
}
