import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CreateMemoDocument } from '../../sdk/src/generated/operations.js';
import { deleteTestTable } from '../helpers/testStore.js';
import { runLocalApiToExit, startLocalApiProcess, urqlClientOf, useTemporaryDataDir } from './helpers/localApiProcess.js';

const dataDir = useTemporaryDataDir();

/** Whether anything answers at the URL (an unauthenticated request's 401 is an answer too). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the server gracefully on %s sent to the npm process alone, freeing port and data directory',
    async (signal) => {
      const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded', via: 'npm' });
      expect(await answers(first.url)).toBe(true);

      expect(await first.stop(signal)).toBe(0);

      expect(first.output()).toContain('Stopped.');
      expect(await answers(first.url)).toBe(false);
      // The data directory's lock went with the server: the next start on it works.
      const second = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
      try {
        const { data } = await urqlClientOf(second)
          .mutation(CreateMemoDocument, { input: { content: 'after restart' } })
          .toPromise();
        expect(data?.createMemo.version).toBe(1);
      } finally {
        await second.stop();
      }
    },
  );

  it('prints its options and variables for --help, and starts nothing', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, args: ['--help'], via: 'npm' });
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Usage: npm start/m);
    for (const name of [
      '--in-memory',
      'PORT',
      'HOST',
      'DATA_DIR',
      'LOCAL_USERS',
      'LOCAL_IAM_ACCESS_KEY_ID',
      'LOCAL_IAM_SECRET_ACCESS_KEY',
      'LOCAL_IAM_SESSION_TOKEN',
      'LOCAL_IAM_ACCOUNT_ID',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_DISABLED',
      'AWS_REGION',
      'TABLE_NAME',
      'PAGE_TOKEN_SECRET',
      'TOMBSTONE_RETENTION_DAYS',
      'DYNAMODB_ENDPOINT',
      'QUERY_DEPTH_LIMIT',
      'RESOLVER_COUNT_LIMIT',
      'KEEP_ALIVE_MS',
    ]) {
      expect(result.output).toContain(name);
    }
    expect(result.output).not.toContain('Memo API is running');
    // Nothing else runs first: no npm prestart, no web build.
    expect(result.output).not.toContain('prestart');
    expect(result.output).not.toContain('web app');
  });
});

describe('request logs', () => {
  const createOne = async (api: Awaited<ReturnType<typeof startLocalApiProcess>>) => {
    const { error } = await urqlClientOf(api)
      .mutation(CreateMemoDocument, { input: { content: 'logged?' } })
      .toPromise();
    expect(error).toBeUndefined();
  };
  /** The handlers' Powertools lines: one JSON object per line. */
  const jsonLines = (output: string) => output.split('\n').filter((line) => line.startsWith('{'));

  it('are off by default, so the banner and its passwords stay on screen; the banner says how to turn them on', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir().path, args: ['--in-memory'], env: { POWERTOOLS_LOG_LEVEL: '' } });
    try {
      await createOne(api);
      await createOne(api);
    } finally {
      expect(await api.stop()).toBe(0);
    }
    expect(jsonLines(api.output())).toEqual([]);
    expect(api.output()).toContain('  Logs:      warnings and errors only (POWERTOOLS_LOG_LEVEL=INFO adds one line per request)\n');
  });

  it('print one JSON line per request with POWERTOOLS_LOG_LEVEL=INFO, as the deployed functions do', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir().path, args: ['--in-memory'], env: { POWERTOOLS_LOG_LEVEL: 'info' } });
    try {
      await createOne(api);
      await createOne(api);
    } finally {
      expect(await api.stop()).toBe(0);
    }
    const lines = jsonLines(api.output()).map((line) => JSON.parse(line) as { level: string });
    expect(lines).toHaveLength(2);
    expect(lines.map(({ level }) => level)).toEqual(['INFO', 'INFO']);
    expect(api.output()).toContain('  Logs:      one line per request (POWERTOOLS_LOG_LEVEL=INFO)\n');
  });
});

describe('the start banner', () => {
  it.each([
    ['an in-memory store', { args: ['--in-memory'] }, () => 'Data:      table memoTable in memory (gone when the process stops)\n'],
    ['a data directory', {}, () => `Data:      table memoTable in ${dataDir().path}\n`],
  ] as [string, { args?: string[] }, () => string][])(
    'names the table and where %s keeps it, in one phrase',
    async (_case, options, line) => {
      const api = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded', ...options });
      try {
        expect(api.output()).toContain(line());
      } finally {
        await api.stop();
      }
    },
  );
});

describe('start-up failures', () => {
  const oneClearLine = (output: string, message: string) => {
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: /);
    expect(lines[0]).toContain(message);
    expect(output).not.toMatch(/^\s+at /m); // no stack
  };

  it('explains a DATA_DIR that is a regular file', async () => {
    const file = join(dataDir().path, 'not-a-directory');
    await writeFile(file, 'x');
    const result = await runLocalApiToExit({ dataDir: file, store: 'embedded' });
    expect(result.code).toBe(1);
    oneClearLine(result.output, `DATA_DIR ${file} is not a directory`);
  });

  it('explains a HOST that does not resolve', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env: { HOST: 'no-such-host.invalid' }, args: ['--in-memory'] });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'HOST "no-such-host.invalid" does not resolve');
  });

  it('explains a DYNAMODB_ENDPOINT where nothing answers', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env: { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'Nothing answers at DYNAMODB_ENDPOINT http://127.0.0.1:9');
  });

  it.each([
    ['an entry without a password', 'alice', "LOCAL_USERS entry 1 has no ':'"],
    ['a weak password', 'alice:Secret-weak', 'LOCAL_USERS entry 1 (user "alice")'],
    ['a user listed twice', 'alice:Passw0rd-one!,alice:Passw0rd-two!', 'LOCAL_USERS entry 2: user "alice" is listed twice'],
    ['an empty list', ',', 'LOCAL_USERS is empty'],
  ])('explains a malformed LOCAL_USERS (%s) without echoing a password', async (_case, users, message) => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env: { LOCAL_USERS: users }, args: ['--in-memory'] });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'Cannot start: LOCAL_USERS ');
    expect(result.output).toContain(message);
    for (const password of users
      .split(',')
      .map((entry) => entry.split(':')[1])
      .filter(Boolean))
      expect(result.output).not.toContain(password);
  });

  it('explains an unknown POWERTOOLS_LOG_LEVEL', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env: { POWERTOOLS_LOG_LEVEL: 'loud' }, args: ['--in-memory'] });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT, not "loud"');
  });

  it('explains a TOMBSTONE_RETENTION_DAYS that is not a whole number of days from 1 to 3650', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env: { TOMBSTONE_RETENTION_DAYS: '0.5' }, args: ['--in-memory'] });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'TOMBSTONE_RETENTION_DAYS must be a whole number of days from 1 to 3650, not "0.5"');
  });

  it('explains an unknown argument', async () => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, args: ['--in-memroy'] });
    expect(result.code).toBe(1);
    oneClearLine(result.output, 'Unknown argument --in-memroy: the options are --in-memory and --help');
  });

  it('needs no AWS credentials for a loopback DYNAMODB_ENDPOINT (local emulators accept any pair)', async () => {
    const env = {
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `memoTable-nocredentials-${crypto.randomUUID()}`,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
    };
    const api = await startLocalApiProcess({ dataDir: dataDir().path, env });
    try {
      const { data, error } = await urqlClientOf(api)
        .mutation(CreateMemoDocument, { input: { content: 'no credentials' } })
        .toPromise();
      expect(error).toBeUndefined();
      expect(data?.createMemo.content).toBe('no credentials');
    } finally {
      await api.stop();
      await deleteTestTable(env.TABLE_NAME);
    }
  });
});
