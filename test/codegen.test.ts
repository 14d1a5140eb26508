import { readFile } from 'node:fs/promises';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

/** The resolvers' schema types, and the typed documents the client SDK (@memo-api/client) publishes. */
const OUTPUTS = ['generated/schemaTypes.ts', 'sdk/src/generated/operations.ts'];

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
