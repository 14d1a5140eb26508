import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ENV_CREDENTIALS_PROVIDER } from '../../infra/memoApiStack.js';
import { MEMO_FIELDS } from '../resolverSeam.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * One bundle serving several fields, as a design with fewer functions would deploy it: an entry
 * that imports each field's handler and dispatches on `event.info.fieldName` (AppSync's direct
 * Lambda event), built with the options infra/memoApiStack.ts gives NodejsFunction (ESM,
 * minified, SDK bundled, env-only credentials). Returns the bundle's path.
 */
export async function buildGroupedBundle(fieldNames: readonly string[], dir: string, name: string): Promise<string> {
  const fields = MEMO_FIELDS.filter((field) => fieldNames.includes(field.fieldName));
  if (fields.length !== fieldNames.length) throw new Error(`unknown fields in ${fieldNames.join(', ')}`);
  const entry = join(dir, `${name}.entry.ts`);
  writeFileSync(
    entry,
    [
      ...fields.map((field) => `import { handler as ${field.fieldName} } from ${JSON.stringify(join(REPO_ROOT, field.entry))};`),
      `const handlers: Record<string, (event: any, context: any) => Promise<unknown>> = { ${fields.map((f) => f.fieldName).join(', ')} };`,
      'export const handler = (event: any, context: any) => {',
      '  const serve = handlers[event.info.fieldName];',
      '  if (!serve) throw new Error(`no handler for ${event.info.fieldName}`);',
      '  return serve(event, context);',
      '};',
      '',
    ].join('\n'),
  );
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'warning',
    alias: { '@aws-sdk/credential-provider-node': ENV_CREDENTIALS_PROVIDER },
  });
  return outfile;
}
