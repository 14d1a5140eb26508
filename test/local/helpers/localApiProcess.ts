import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { ClientConfig } from '../../../local/http/clientConfig.js';
import * as urql from '../examples/urqlClient.js';
import { signIn, TEST_CREDENTIALS_ENV, TEST_USERS, type TestUsername, type UserTokens } from '../../helpers/localCredentials.js';
import { deleteTestTable, TEST_STORE } from '../../helpers/testStore.js';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The entry point `npm start` runs (package.json: "start": "exec node --import tsx local/main.ts"). */
const ENTRY = ['--import', 'tsx', 'local/main.ts'];

/** Runtimes still running; a test that failed before stopping its own leaves one here. */
const unstopped = new Map<ChildProcess, Promise<number | null>>();
// Registered when a test file imports this helper, so it runs after the file's own hooks.
afterAll(async () => {
  for (const child of unstopped.keys()) {
    try {
      process.kill(-child.pid!, 'SIGKILL'); // its process group, when it leads one (npm and the runtime)
    } catch {
      child.kill('SIGKILL');
    }
  }
  await Promise.all(unstopped.values());
});

export interface LocalApiProcess {
  readonly url: string;
  readonly realtimeUrl: string;
  /** What the runtime serves at /config.json. */
  config(): Promise<ClientConfig>;
  /** Signs the user in (USER_PASSWORD_AUTH against the runtime's user pool); cached per user. */
  tokens(username?: TestUsername): Promise<UserTokens>;
  /** `{ authorization: <ID token> }` of the user, as AppSync clients send it. */
  authHeaders(username?: TestUsername): Promise<Record<string, string>>;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  readonly dataDir: string;
  /**
   * 'test-store' (default): on MEMO_TEST_STORE=dynamodb-local, the runtime uses the run's DynamoDB
   * Local with a table of its own, deleted when the process exits; on dynalite, its embedded store.
   * 'embedded': always its own embedded dynalite in dataDir, for tests about that store.
   */
  readonly store?: 'test-store' | 'embedded';
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  /** 'node' (default): the entry point itself; 'npm': `npm start`, exactly as users type it. */
  readonly via?: 'node' | 'npm';
  /**
   * As in a terminal: the launched process leads a process group of its own, and `stop` signals
   * the whole group, as Ctrl-C does (with `via: 'npm'`, npm and the runtime both receive it).
   */
  readonly processGroup?: boolean;
}

/** Starts `npm start`'s entry point as a child process on a free loopback port and waits for its banner. */
export async function startLocalApiProcess(options: StartOptions): Promise<LocalApiProcess> {
  const { child, exited } = spawnRuntime(options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /GraphQL:\s+(\S+)[^]*Press Ctrl-C to stop/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`The local API exited (${code}) before it was ready:\n${output}`)));
  });
  const realtimeUrl = /Realtime:\s+(\S+)/.exec(output)![1]!;
  let config: Promise<ClientConfig> | undefined;
  const signedIn = new Map<TestUsername, Promise<UserTokens>>();
  const getConfig = () =>
    (config ??= fetch(url.replace(/\/graphql$/, '/config.json')).then((response) => response.json() as Promise<ClientConfig>));
  const tokens = (username: TestUsername = 'alice') => {
    if (!signedIn.has(username)) {
      signedIn.set(
        username,
        getConfig().then(({ userPoolEndpoint, userPoolClientId }) =>
          signIn(userPoolEndpoint, userPoolClientId, username, TEST_USERS[username]),
        ),
      );
    }
    return signedIn.get(username)!;
  };
  return {
    url,
    realtimeUrl,
    config: getConfig,
    tokens,
    authHeaders: async (username) => ({ authorization: (await tokens(username)).idToken }),
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        if (options.processGroup) process.kill(-child.pid!, signal);
        else child.kill(signal);
      }
      return exited;
    },
  };
}

/** Runs the entry point to its end (for starts that must fail) and returns its exit code and output. */
export async function runLocalApiToExit(options: StartOptions): Promise<{ code: number | null; output: string }> {
  const { child, exited } = spawnRuntime(options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { code: await exited, output };
}

/** Spawns the runtime; `exited` resolves with its exit code once the table it made (if any) is deleted. */
function spawnRuntime({ dataDir, env = {}, args = [], store = 'test-store', via = 'node', processGroup = false }: StartOptions): {
  child: ChildProcess;
  exited: Promise<number | null>;
} {
  // Store settings a developer's shell may hold must not point the runtime at their store.
  const { DYNAMODB_ENDPOINT: _endpoint, TABLE_NAME: _table, PAGE_TOKEN_SECRET: _secret, ...inherited } = process.env;
  const storeEnv: Record<string, string> =
    store === 'test-store' && TEST_STORE === 'dynamodb-local'
      ? { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `memoTable-local-${randomUUID()}` }
      : {};
  const child = spawn(...launch(via, args), {
    cwd: repositoryRoot,
    env: { ...inherited, NODE_NO_WARNINGS: '1', PORT: '0', ...TEST_CREDENTIALS_ENV, DATA_DIR: dataDir, ...storeEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: processGroup,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve)).then(async (code) => {
    try {
      // The runtime creates its table at start (local/storeBootstrap.ts); a table named in `env` is the caller's.
      if (storeEnv.TABLE_NAME && !env.TABLE_NAME) await deleteTestTable(storeEnv.TABLE_NAME);
    } finally {
      unstopped.delete(child);
    }
    return code;
  });
  unstopped.set(child, exited);
  return { child, exited };
}

/** The command line that starts the runtime, directly or through `npm start`. */
function launch(via: 'node' | 'npm', args: readonly string[]): [string, string[]] {
  if (via === 'node') return [process.execPath, [...ENTRY, ...args]];
  const npmArgs = ['start', ...(args.length > 0 ? ['--', ...args] : [])];
  // Under `npm test`, npm names its own CLI; use that one rather than whatever is on PATH.
  return process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, ...npmArgs]] : ['npm', npmArgs];
}

/** A fresh temporary data directory for the calling test file: made before its tests, removed after them. */
export function useTemporaryDataDir(): () => { path: string } {
  let dataDir: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
  beforeAll(async () => {
    dataDir = await temporaryDataDir();
  });
  afterAll(async () => {
    await dataDir?.remove();
  });
  return () => {
    if (!dataDir) throw new Error('The temporary data directory exists only while the tests run');
    return dataDir;
  };
}

/** The example urql client (test/local/examples) of a runtime, signed in to its pool as `username`. */
export function urqlClientOf(api: LocalApiProcess, username: TestUsername = 'alice') {
  return urql.createMemoClient(api.url, async () => (await api.tokens(username)).idToken);
}

/** A fresh temporary data directory and its removal. */
export async function temporaryDataDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'memo-local-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A parsed response: its shape is what the tests check, so its values are left open. */

export type GraphQLResponseBody = Record<string, any>;

/** POSTs a GraphQL request the way curl would (pass the credentials in `headers`), returning status and parsed body. */
export async function postGraphQL(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: GraphQLResponseBody }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponseBody };
}

/**
 * One runtime for the calling test file, on a fresh data directory: started before its tests,
 * stopped (and the directory removed) after them. Returns an accessor for the running process.
 */
export function useLocalApiProcess(env: Readonly<Record<string, string>> = {}): () => LocalApiProcess {
  let api: LocalApiProcess | undefined;
  let dataDir: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
  beforeAll(async () => {
    dataDir = await temporaryDataDir();
    api = await startLocalApiProcess({ dataDir: dataDir.path, env });
  });
  afterAll(async () => {
    await api?.stop();
    await dataDir?.remove();
  });
  return () => {
    if (!api) throw new Error('The local API is not running (used outside a test?)');
    return api;
  };
}

/** The process is alive and still answers a normal signed-in request (after a hostile one). */
export async function expectServing(api: LocalApiProcess): Promise<void> {
  expect(api.child.exitCode).toBeNull();
  const { status, body } = await postGraphQL(api.url, { query: '{ listMemos(limit: 1) { nextToken } }' }, await api.authHeaders('alice'));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}
