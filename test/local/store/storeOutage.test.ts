import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUNCTION_TIMEOUT_SECONDS } from '../../../resolvers/fields.js';
import { STORE_TIMEOUTS } from '../../../resolvers/store/dynamoClient.js';
import { TEST_STORE } from '../../helpers/testStore.js';
import { postGraphQL, startLocalApiProcess, useTemporaryDataDir, type LocalApiProcess } from '../helpers/localApiProcess.js';

// The runtime on a real dynalite server of its own, in a process this test can freeze (SIGSTOP)
// and thaw, as a store that stops answering does.
const dataDir = useTemporaryDataDir();
let store: ChildProcess;
let api: LocalApiProcess;

beforeAll(async () => {
  if (TEST_STORE === 'dynamodb-local') return;
  store = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import dynalite from 'dynalite'; const s = dynalite({ createTableMs: 0 }); s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
    ],
    { cwd: fileURLToPath(new URL('../../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve) => store.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  api = await startLocalApiProcess({
    dataDir: dataDir().path,
    env: { DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`, POWERTOOLS_LOG_LEVEL: '' },
  });
});

afterAll(async () => {
  store?.kill('SIGCONT');
  await api?.stop();
  store?.kill('SIGKILL');
});

const create = async (memoId: string) =>
  postGraphQL(
    api.url,
    {
      query: 'mutation ($input: CreateMemoInput!) { createMemo(input: $input) { memoId version } }',
      variables: { input: { memoId, content: `memo ${memoId}` } },
    },
    await api.authHeaders('alice'),
  );

// About the runtime and the handlers' client, on a store of its own: once, in `npm test`.
describe.skipIf(TEST_STORE === 'dynamodb-local')('a store that stops answering (issue 17, defect 7: requests waited forever)', () => {
  it('fits every store call, retries included, inside the function timeout', () => {
    expect(STORE_TIMEOUTS.maxAttempts * (STORE_TIMEOUTS.connectMs + STORE_TIMEOUTS.attemptMs)).toBeLessThan(
      FUNCTION_TIMEOUT_SECONDS * 1000,
    );
  });

  it('answers with a typed InternalError, logs the failure once with a count, serves again once the store is back, and a retry creates no duplicate', async () => {
    await api.authHeaders('alice'); // signed in before the store freezes
    expect((await create(randomUUID())).body.errors).toBeUndefined();

    store.kill('SIGSTOP');
    const memoIds = Array.from({ length: 12 }, () => randomUUID());
    const answers = await Promise.all(memoIds.map(create));
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body.data).toBeNull(); // createMemo is non-null: the error reaches the root
      expect(body.errors).toEqual([
        expect.objectContaining({
          errorType: 'InternalError',
          message: 'An internal error occurred; it has been logged',
          path: ['createMemo'],
        }),
      ]);
    }
    // One ERROR line for the run of the same failure, then one line counting the others.
    await vi.waitFor(() => expect(api.output()).toMatch(/\(the line above came \d+ more times within/), { timeout: 15_000, interval: 250 });
    const errorLines = api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"ERROR"'));
    expect(errorLines.length).toBeGreaterThanOrEqual(1);
    expect(errorLines.length).toBeLessThan(memoIds.length / 2);

    store.kill('SIGCONT');
    // A write whose answer timed out may still have committed: a retry with the same memoId
    // returns the one memo either way.
    for (const memoId of memoIds) {
      const { body } = await create(memoId);
      expect(body.errors).toBeUndefined();
      expect(body.data.createMemo).toEqual({ memoId, version: 1 });
    }
    const { body } = await postGraphQL(
      api.url,
      { query: '{ listMemos(limit: 100) { items { memoId } } }' },
      await api.authHeaders('alice'),
    );
    const listed = body.data.listMemos.items.map(({ memoId }: { memoId: string }) => memoId);
    expect(listed).toHaveLength(memoIds.length + 1);
    expect(listed).toEqual(expect.arrayContaining(memoIds));
  }, 60_000);
});
