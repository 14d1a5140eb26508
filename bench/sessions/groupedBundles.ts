import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLikeDeployed } from '../coldStart/bundleVariants.js';
import { MEMO_FIELDS } from '../resolverSeam.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The dispatch the deployed one-function entry (resolvers/memoFunction.ts) uses, so grouped bundles hold the same code. */
const FIELD_DISPATCH = join(REPO_ROOT, 'resolvers/lambda/fieldDispatch.ts');

/**
 * One field's handler alone, as design A (one function per field) deployed it: the field's own
 * entry module, built with infra/'s options. Returns the bundle's path.
 */
export function buildFieldBundle(fieldName: string, dir: string): Promise<string> {
  const field = MEMO_FIELDS.find((f) => f.fieldName === fieldName);
  if (!field) throw new Error(`unknown field ${fieldName}`);
  return buildLikeDeployed(join(REPO_ROOT, field.entry), join(dir, `${fieldName}.mjs`));
}

/**
 * One bundle serving several fields, as a design with fewer functions would deploy it: an entry
 * that imports each field's handler and dispatches on `event.info` with fieldDispatch (as
 * resolvers/memoFunction.ts does for all of them), built with infra/'s options. Returns the bundle's path.
 */
export function buildGroupedBundle(fieldNames: readonly string[], dir: string, name: string): Promise<string> {
  const fields = MEMO_FIELDS.filter((field) => fieldNames.includes(field.fieldName));
  if (fields.length !== fieldNames.length) throw new Error(`unknown fields in ${fieldNames.join(', ')}`);
  const entry = join(dir, `${name}.entry.ts`);
  writeFileSync(
    entry,
    [
      `import { fieldDispatch } from ${JSON.stringify(FIELD_DISPATCH)};`,
      ...fields.map((field) => `import { handler as ${field.fieldName} } from ${JSON.stringify(join(REPO_ROOT, field.entry))};`),
      `export const handler = fieldDispatch({ ${fields.map((f) => `'${f.typeName}.${f.fieldName}': ${f.fieldName}`).join(', ')} });`,
      '',
    ].join('\n'),
  );
  return buildLikeDeployed(entry, join(dir, `${name}.mjs`));
}
