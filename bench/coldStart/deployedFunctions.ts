import { MEMO_FIELDS, MEMO_FUNCTION_ENTRY } from '../resolverSeam.js';

export interface DeployedBundle {
  /** The bundled index.mjs CDK built. */
  path: string;
  /** The function's literal environment variables from the template (POWERTOOLS_* and the like). */
  env: Record<string, string>;
}

/** One synthesized function as the bench measures it: its bundle, the fields it serves, the entry it was built from. */
export interface DeployedFunction {
  readonly bundle: DeployedBundle;
  readonly fieldNames: readonly string[];
  /** Relative to the repository root: the field's own module for a function of one field, MEMO_FUNCTION_ENTRY for one of every field. */
  readonly entry: string;
}

/**
 * Every field's bundle (`bundles`, by fieldName) grouped into functions by the file CDK built:
 * one function per field (design A) or one for all (design B, what deploys), so that the same
 * bundle is measured once however many fields it serves.
 *
 * @throws when a bundle serves some fields but not all: the bench knows no entry for that design
 */
export function deployedFunctions(bundles: ReadonlyMap<string, DeployedBundle>): DeployedFunction[] {
  const byPath = new Map<string, { bundle: DeployedBundle; fieldNames: string[] }>();
  for (const [fieldName, bundle] of bundles) {
    const group = byPath.get(bundle.path) ?? { bundle, fieldNames: [] };
    group.fieldNames.push(fieldName);
    byPath.set(bundle.path, group);
  }
  return [...byPath.values()].map(({ bundle, fieldNames }) => ({ bundle, fieldNames, entry: entryOf(fieldNames) }));
}

/** True when one bundle serves every memo field (design B as deployed). */
export function servesEveryField(fn: Pick<DeployedFunction, 'fieldNames'>): boolean {
  return MEMO_FIELDS.every((field) => fn.fieldNames.includes(field.fieldName));
}

function entryOf(fieldNames: readonly string[]): string {
  if (servesEveryField({ fieldNames })) return MEMO_FUNCTION_ENTRY;
  const field = fieldNames.length === 1 && MEMO_FIELDS.find((f) => f.fieldName === fieldNames[0]);
  if (!field) throw new Error(`one bundle serves ${fieldNames.join(', ')}: neither one field nor every field, so no entry is known for it`);
  return field.entry;
}
