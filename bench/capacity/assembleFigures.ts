import { READ_HEAVY_MIX } from '../cost/costModel.js';
import { MEMO_OPERATIONS, type CapacityFigures, type HandlerRow, type IndexDesignRow } from './capacityFigures.js';
import { CAPACITY_RULES } from './capacityRules.js';
import { agreedUnits } from './callUnits.js';
import type { DesignRunSize } from './designRun.js';
import type { HandlerRunSize } from './handlerMeasurement.js';
import { feedIndexMinimum } from './feedIndexMinimum.js';
import { DEPLOYED_DESIGN, designMinimum, INDEX_DESIGNS } from './indexDesigns.js';
import { designRow, projectionVerdict } from './projectionChoice.js';
import { MEMO_SIZES_KB } from './sizedMemo.js';

/** CapacityFigures without where and how long: measureCapacity adds those. */
export type AssembledFigures = Omit<CapacityFigures, 'store' | 'elapsedSeconds'>;

/** The figures when nothing could be measured: every row with the rules' minimum only. */
export function skippedFigures(reason: string): AssembledFigures {
  const handlers: HandlerRow[] = MEMO_SIZES_KB.flatMap((kb) => {
    const minimum = designMinimum(DEPLOYED_DESIGN, kb);
    return MEMO_OPERATIONS.map((operation) => ({
      operation,
      kb,
      requests: [],
      measured: null,
      minimum: { ...minimum.perOperation[operation], feedIndex: feedIndexMinimum(operation, minimum.itemBytes) },
      calls: 0,
      ...(operation === 'listMemos' ? { itemsRead: minimum.itemsRead } : {}),
    }));
  });
  const indexDesigns = INDEX_DESIGNS.flatMap((design) => MEMO_SIZES_KB.map((kb) => designRow(design, kb, undefined)));
  return figuresOf(
    'skipped',
    reason,
    handlers,
    indexDesigns,
    MEMO_SIZES_KB.map((kb) => sizeOf(kb)),
  );
}

/** The figures from what the handler child and the design runs measured, every call checked against the others of its kind. */
export function measuredFigures(handlerSizes: HandlerRunSize[], designSizes: Map<string, DesignRunSize[]>): AssembledFigures {
  const handlers: HandlerRow[] = handlerSizes.flatMap(({ kb, itemBytes, calls }) => {
    const list = agreedUnits(`listMemos at ${kb} KB`, calls.listMemos);
    const minimum = designMinimum(
      DEPLOYED_DESIGN,
      kb,
      list.itemsRead === undefined ? undefined : { itemsRead: list.itemsRead },
    ).perOperation;
    return MEMO_OPERATIONS.map((operation) => {
      const agreed = agreedUnits(`${operation} at ${kb} KB`, calls[operation]);
      return {
        operation,
        kb,
        requests: agreed.requests,
        measured: { ...agreed.units, feedIndex: agreed.feedIndex ?? { read: 0, write: 0 } },
        minimum: { ...minimum[operation], feedIndex: feedIndexMinimum(operation, itemBytes) },
        calls: agreed.calls,
        ...(agreed.itemsRead === undefined ? {} : { itemsRead: agreed.itemsRead }),
      };
    });
  });
  const indexDesigns = INDEX_DESIGNS.flatMap((design) =>
    designSizes.get(design.design)!.map((measured) => designRow(design, measured.kb, measured)),
  );
  const sizes = handlerSizes.map(({ kb, itemBytes, contentBytes }) => ({ kb, itemBytes, contentBytes }));
  return figuresOf('measured', null, handlers, indexDesigns, sizes);
}

function figuresOf(
  status: CapacityFigures['status'],
  skippedReason: string | null,
  handlers: HandlerRow[],
  indexDesigns: IndexDesignRow[],
  sizes: CapacityFigures['sizes'],
): AssembledFigures {
  return {
    status,
    skippedReason,
    unitsSource: status === 'measured' ? 'measured' : 'minimum',
    rules: [...CAPACITY_RULES],
    sizes,
    handlers,
    designs: INDEX_DESIGNS.map(({ design, servesList, note }) => ({ design, servesList, note })),
    indexDesigns,
    verdict: projectionVerdict(indexDesigns),
    readHeavyMix: { ...READ_HEAVY_MIX },
  };
}

/** A memo size by the rule alone (the figures when nothing was measured). */
function sizeOf(kb: number): CapacityFigures['sizes'][number] {
  const { itemBytes, contentBytes } = designMinimum(DEPLOYED_DESIGN, kb);
  return { kb, itemBytes, contentBytes };
}
