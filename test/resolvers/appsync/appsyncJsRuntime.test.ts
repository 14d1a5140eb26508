import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

describe('the APPSYNC_JS resolver code', () => {
  it("uses only what AppSync's JavaScript runtime supports (@aws-appsync/eslint-plugin, recommended rules)", async () => {
    const results = await eslint.lintFiles(['resolvers/appsync/']);
    expect(results.map((result) => result.filePath.replace(/.*\/resolvers\//, 'resolvers/'))).toContain(
      'resolvers/appsync/invokeLambda.ts',
    );
    expect(results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line} ${m.ruleId}: ${m.message}`))).toEqual([]);
    // Type-aware rules build a TypeScript program of the project first: tens of seconds on a busy 2-core machine.
  }, 120_000);

  it('would catch code the runtime rejects', async () => {
    const [result] = await eslint.lintText(
      'export function request(ctx) { let i = 0; i++; try { return ctx; } catch { return null; } }\n',
      {
        filePath: 'resolvers/appsync/invokeLambda.ts',
      },
    );
    expect(result!.messages.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(['@aws-appsync/no-disallowed-unary-operators', '@aws-appsync/no-try']),
    );
  });
});
