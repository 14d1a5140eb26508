import { readFile } from 'node:fs/promises';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

/**
 * The resolvers' schema types, the typed documents the client SDK (@memo-api/client) publishes,
 * and the SDK's copies of the rules its offline search shares with the server.
 */
const OUTPUTS = [
  'generated/schemaTypes.ts',
  'sdk/src/generated/memoRules.ts',
  'sdk/src/generated/operations.ts',
  'sdk/src/generated/searchMatch.ts',
];

describe('generated code', () => {
  it('is what `npm run codegen` makes from the committed schema and operations', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.map((output: { filename: string }) => output.filename).sort()).toEqual(OUTPUTS);
    for (const { filename, content } of outputs as { filename: string; content: string }[]) {
      const committed = await readFile(filename, 'utf8');
      expect(committed, `${filename} is stale: run npm run codegen`).toBe(content);
    }
  });
});
