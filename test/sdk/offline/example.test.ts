import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useOfflineApi } from './helpers/offlineApi.js';

// sdk/examples/offline.ts (shown in sdk/README.md) run as a Node script against the local
// runtime, through the package's name as tsconfig maps it: it prints what its comments say.
const offline = useOfflineApi();
const example = fileURLToPath(new URL('../../../sdk/examples/offline.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('sdk/examples/offline.ts', () => {
  it('runs and prints what its comments say', async () => {
    const { api } = offline();
    const alice = api.clientConfig.users.find((user) => user.username === 'alice')!;
    const expected = [...(await readFile(example, 'utf8')).matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
    expect(expected.length).toBeGreaterThan(1);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', example], {
      cwd: repositoryRoot,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        MEMO_CONFIG_URL: new URL('/config.json', api.url).href,
        MEMO_USERNAME: alice.username,
        MEMO_PASSWORD: alice.password,
      },
    });
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
  }, 60_000);
});
