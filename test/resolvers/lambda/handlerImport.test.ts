import { afterEach, describe, expect, it, vi } from 'vitest';
import { MEMO_FIELDS, MEMO_FUNCTION_ENTRY } from '../../../resolvers/fields.js';

/**
 * Settings a handler, its store, its DynamoDB client or its logger takes from the environment.
 * (The AWS SDK's own modules read user-agent hints such as AWS_EXECUTION_ENV when first loaded:
 * package internals, not settings.)
 */
const HANDLER_SETTING =
  /^(TABLE_NAME|DYNAMODB_ENDPOINT|PAGE_TOKEN_SECRET|AWS_REGION|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_PROFILE)$|^POWERTOOLS_/;

const realEnv = process.env;
afterEach(() => {
  process.env = realEnv;
});

/** Runs `work` with an environment that records every handler setting read from it. */
async function recordingReads(work: () => Promise<unknown>): Promise<string[]> {
  const reads: string[] = [];
  process.env = new Proxy(
    { ...realEnv },
    {
      get(target, key) {
        if (typeof key === 'string' && HANDLER_SETTING.test(key)) reads.push(key);
        return Reflect.get(target, key) as unknown;
      },
    },
  );
  try {
    await work();
  } finally {
    process.env = realEnv;
  }
  return reads;
}

// On Lambda the handler's entry reads the settings at the first invocation; the local runtime and
// the tests bind a store of their own instead, so import order never matters.
describe('importing a handler module', () => {
  it.each([MEMO_FUNCTION_ENTRY, ...MEMO_FIELDS.map((field) => field.entry)].map((entry) => [entry] as const))(
    '%s reads no environment and cannot fail',
    async (entry) => {
      vi.resetModules();
      const reads = await recordingReads(
        () => import(/* @vite-ignore */ new URL(`../../../${entry.replace(/\.ts$/, '.js')}`, import.meta.url).href),
      );
      expect(reads).toEqual([]);
    },
  );

  it('succeeds without TABLE_NAME or PAGE_TOKEN_SECRET; an invocation without them fails naming the setting', async () => {
    vi.resetModules();
    const { TABLE_NAME: _table, PAGE_TOKEN_SECRET: _secret, ...withoutSettings } = realEnv;
    process.env = withoutSettings;
    const { handler } = await import('../../../resolvers/memoFunction.js');
    const event = {
      arguments: { memoId: '7d5e0b1c-1111-4a2b-8c3d-000000000001' },
      identity: null,
      info: { parentTypeName: 'Query', fieldName: 'memo' },
    };
    await expect(handler(event as unknown as Parameters<typeof handler>[0])).rejects.toThrow('TABLE_NAME is not set');
  });
});
