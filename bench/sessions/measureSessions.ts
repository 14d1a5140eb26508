import type { Template } from 'aws-cdk-lib/assertions';
import type { DeployedBundle } from '../coldStart/coldStart.js';
import type { LambdaSizing } from '../memory/sizingSettings.js';
import { MEMO_FIELDS } from '../resolverSeam.js';
import type { RawStore } from '../runtime/rawOperations.js';
import { chooseDesign, type DesignChoice } from './designChoice.js';
import { measureDesignColdStarts, type DesignColdStart } from './designColdStarts.js';
import { compareFieldRoles, type IamComparison } from './fieldRoles.js';
import { modelSessions, type SessionModelRow, type SessionModelSettings } from './sessionModel.js';

/** Issue 21, item 5: cold starts per user session, one function per field against fewer functions. */
export interface SessionFigures {
  /** Each design's bundle serving `memo`, cold: what the model adds per cold start of that design. */
  coldStarts: DesignColdStart[];
  /** How long a warm invocation keeps its environment busy, per field, ms (the sizing model's billed ms at the deployed size). */
  warmMs: Record<string, number>;
  settings: SessionModelSettings;
  rows: SessionModelRow[];
  iam: IamComparison;
  choice: DesignChoice;
}

/** When the sizing model has no figure for a field: what it bills the others at 512 MB (9–11 ms in the recorded run). */
export const DEFAULT_WARM_MS = 10;

/**
 * Measures each design's cold start on `store` (B's is the deployed bundle once one serves every
 * field), runs the session model with those figures and the warm durations the sizing model bills
 * at the deployed size (per field), compares each field's own grants with the roles of the
 * synthesized `template` and of each design, and applies the rule (designChoice.ts).
 */
export async function measureSessions(
  template: Template,
  /** Every field's synthesized bundle. */
  deployed: ReadonlyMap<string, DeployedBundle>,
  store: RawStore,
  options: {
    runs: number;
    settings: SessionModelSettings;
    /** The sizing model's durations, read at the deployed memory size. */
    billedMs: { sizing: LambdaSizing; memoryMb: number };
    log(line: string): void;
  },
): Promise<SessionFigures> {
  const coldStarts = await measureDesignColdStarts(deployed, store, options);
  const { sizing, memoryMb } = options.billedMs;
  const billed = sizing.perSize.find((point) => point.memoryMb === memoryMb)?.perOperation ?? [];
  const warmMs = Object.fromEntries(
    MEMO_FIELDS.map(({ fieldName }) => [fieldName, billed.find((op) => op.operation === fieldName)?.billedMs ?? DEFAULT_WARM_MS]),
  );
  options.log(
    `session model: ${options.settings.sessions} sessions per traffic level, profile and lifetime model, seed ${options.settings.seed}…`,
  );
  const rows = modelSessions(
    {
      coldStartMs: Object.fromEntries(coldStarts.map((row) => [row.design, row.firstResponse.wallMs.median])),
      warmMs: (field) => warmMs[field] ?? DEFAULT_WARM_MS,
    },
    options.settings,
  );
  return { coldStarts, warmMs, settings: options.settings, rows, iam: compareFieldRoles(template), choice: chooseDesign(rows) };
}
