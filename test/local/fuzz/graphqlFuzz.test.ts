import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useLocalApiProcess } from '../helpers/localApiProcess.js';
import { expectGraphQLAnswer, expectWellFormed, FUZZ_SEED, request as send } from './fuzzKit.js';
import { bodyOf, fuzzRequest, type FuzzRequest } from './graphqlDocuments.js';

// Hostile GraphQL against the runtime as a process (a fresh data directory): every request is
// answered within the bound, in AppSync's shape, never a 5xx, nothing internal leaks, the process
// keeps serving, and the store holds exactly the memos the tracked valid creates wrote.
const localApi = useLocalApiProcess();

async function post(request: FuzzRequest | string): Promise<unknown> {
  const body = typeof request === 'string' ? request : bodyOf(request);
  const answer = await send(localApi().url, {
    method: 'POST',
    headers: { ...(await localApi().authHeaders('alice')), 'content-type': 'application/json' },
    body,
  });
  const context = `${answer.status} for ${body.slice(0, 300)}: ${answer.text.slice(0, 500)}`;
  const parsed = expectWellFormed(answer, context);
  if (answer.status === 200) expectGraphQLAnswer(parsed, context);
  return parsed;
}

describe('fuzzing the GraphQL endpoint (fast-check, fixed seed)', () => {
  it('answers every generated document in AppSync shape, and the store holds exactly what the valid creates wrote', async () => {
    const acknowledged = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, fc.boolean(), fc.string({ maxLength: 40 }), async (fuzzed, alsoCreate, content) => {
        await post(fuzzed);
        if (!alsoCreate) return;
        // A tracked create beside it: valid unless its content is blank.
        const memoId = randomUUID();
        const created = (await post({
          query: 'mutation ($input: CreateMemoInput!) { createMemo(input: $input) { memoId } }',
          variables: { input: { memoId, content } },
        })) as {
          data: { createMemo: { memoId: string } } | null;
          errors?: { errorType?: string }[];
        };
        if (content.trim() === '') expect(created.errors?.[0]?.errorType).toBe('ValidationError');
        else expect(created.data?.createMemo.memoId).toBe(memoId);
        if (created.data) acknowledged.add(memoId);
      }),
      { seed: FUZZ_SEED, numRuns: 250 },
    );

    expect(localApi().child.exitCode).toBeNull();
    const stored: string[] = [];
    let nextToken: string | null = null;
    do {
      const page = (await post({
        query: 'query ($t: String) { listMemos(limit: 100, nextToken: $t) { items { memoId } nextToken } }',
        variables: { t: nextToken },
      })) as {
        data: { listMemos: { items: { memoId: string }[]; nextToken: string | null } };
      };
      stored.push(...page.data.listMemos.items.map(({ memoId }) => memoId));
      nextToken = page.data.listMemos.nextToken;
    } while (nextToken);
    expect(stored.sort()).toEqual([...acknowledged].sort());
  }, 300_000);

  it('answers bodies that are not the JSON a GraphQL request is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((value) => JSON.stringify({ query: value })),
        ),
        async (body) => void (await post(body)),
      ),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
  }, 120_000);
});
