import { execFile } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IAM, TEST_USERS } from '../helpers/localCredentials.js';
import { useLocalApiProcess } from '../local/helpers/localApiProcess.js';

// @memo-api/client as its users get it: `npm pack`ed, installed from the tarball into a project
// outside the repository (no link to the repository's node_modules), type-checked by that
// project's own tsc (strict, NodeNext) and run against a local runtime: the README's examples
// (sdk/examples) and a consumer of both adapters (fixtures/consumerApp.ts).

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const examplesDir = join(repositoryRoot, 'sdk', 'examples');
/** What the consumer installs besides the tarball, at the versions this repository is tested with. */
const CONSUMER_PACKAGES = ['@urql/core', '@apollo/client', 'graphql', 'rxjs', 'ws', '@types/ws', 'typescript', '@types/node'];
/**
 * npm's words for "a package is neither in the cache nor reachable" (when it fails to fetch a
 * peer-dependency's metadata, npm 11 says ERESOLVE "Found: graphql@undefined" instead).
 */
const UNREACHABLE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|Found: \S+@undefined/;

const localApi = useLocalApiProcess();

/**
 * The consumer's sources type-checked with skipLibCheck false, and every error tsc reports then
 * (matched line by line): what sdk/README.md's "TypeScript settings" say about each setting.
 */
const LIB_CHECKS: Record<string, { settings: Record<string, unknown>; errors: RegExp[] }> = {
  // Bundler resolution with DOM types: no error at all.
  bundler: { settings: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] }, errors: [] },
  // NodeNext: @wry/caches (Apollo's) imports './common' without the extension NodeNext requires (benjamn/wryware#646).
  nodenext: {
    settings: { lib: ['ES2022', 'DOM'] },
    errors: [
      /^node_modules\/@wry\/caches\/lib\/strong\.d\.ts\(\d+,\d+\): error TS2835: /,
      /^node_modules\/@wry\/caches\/lib\/weak\.d\.ts\(\d+,\d+\): error TS2835: /,
    ],
  },
  // Without DOM types: Apollo's and wonka's (urql's) declarations name DOM types.
  'bundler-without-dom': {
    settings: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022'] },
    errors: [
      /^node_modules\/@apollo\/client\/.*error TS2304: Cannot find name 'RequestCredentials'/,
      /^node_modules\/wonka\/.*error TS2304: Cannot find name 'HTMLElement'/,
    ],
  },
};

interface Consumer {
  readonly dir: string;
  readonly packed: { filename: string; size: number; unpackedSize: number; entryCount: number };
  readonly installedBytes: number;
}
let consumer: Consumer | undefined;
let unavailable: string | undefined;
const scratch: string[] = [];

/** Settings of the user's npm worth keeping (where its cache and registry are); an enclosing `npm test` sets others. */
const NPM_USER_SETTINGS = /^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i;

/** npm as a user runs it: not the project paths (local_prefix…) and script settings an enclosing `npm test` passes down. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || NPM_USER_SETTINGS.test(name)));
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: npmEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
  return stdout;
}

/**
 * Installs from npm's cache only; when that fails, lets npm fetch what is missing (a package
 * missing from the cache does not always say so: it can surface as ERESOLVE on `graphql@undefined`).
 */
async function installOffline(dir: string, specs: string[]): Promise<void> {
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', ...specs];
  try {
    await npm(['--offline', ...args], dir);
  } catch {
    // One quick retry per request: an unreachable registry should mean a skip in seconds, not minutes.
    await npm(['--prefer-offline', '--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=5000', ...args], dir);
  }
}

async function bytesUnder(path: string): Promise<number> {
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  const sizes = await Promise.all(
    entries.filter((entry) => entry.isFile()).map(async (entry) => (await stat(join(entry.parentPath, entry.name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function makeConsumer(): Promise<Consumer> {
  const packDir = await mkdtemp(join(tmpdir(), 'memo-sdk-pack-'));
  const dir = await mkdtemp(join(tmpdir(), 'memo-sdk-consumer-'));
  scratch.push(packDir, dir);
  // The build, then the pack without its prepack (which would build again, into the JSON on stdout).
  await npm(['run', 'sdk:build'], repositoryRoot);
  const [packed] = JSON.parse(
    await npm(['pack', '--json', '--ignore-scripts', '--workspace', 'sdk', '--pack-destination', packDir], repositoryRoot),
  ) as Consumer['packed'][];
  const lock = JSON.parse(await readFile(join(repositoryRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'memo-sdk-consumer', private: true, type: 'module' }, null, 2));
  await installOffline(dir, [
    join(packDir, packed!.filename),
    ...CONSUMER_PACKAGES.map((name) => `${name}@${lock.packages[`node_modules/${name}`]!.version}`),
  ]);
  // A Node app's settings: no DOM types, and skipLibCheck (the README's "TypeScript settings" say
  // which libraries' declarations fail without it, as the library checks below show).
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
  };
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, skipLibCheck: true, rootDir: 'src', outDir: 'dist', noEmitOnError: true },
      include: ['src'],
    }),
  );
  // The package's own declarations, checked in full (other packages' errors are theirs).
  await writeFile(
    join(dir, 'tsconfig.declarations.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, include: ['node_modules/@memo-api/client/dist/**/*.d.ts'] }),
  );
  // The same sources with every library's declarations checked (skipLibCheck false), in LIB_CHECKS' settings.
  for (const [name, { settings }] of Object.entries(LIB_CHECKS)) {
    await writeFile(
      join(dir, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions: { ...compilerOptions, ...settings, skipLibCheck: false, noEmit: true }, include: ['src'] }),
    );
  }
  await mkdir(join(dir, 'src'));
  await cp(examplesDir, join(dir, 'src', 'examples'), { recursive: true });
  await cp(fileURLToPath(new URL('fixtures/consumerApp.ts', import.meta.url)), join(dir, 'src', 'consumerApp.ts'));
  const installed = join(dir, 'node_modules', '@memo-api', 'client');
  return { dir, packed: packed!, installedBytes: await bytesUnder(installed) };
}

beforeAll(async () => {
  try {
    consumer = await makeConsumer();
  } catch (error) {
    const { stderr = String(error), killed = false } = error as { stderr?: string; killed?: boolean };
    if (!killed && !UNREACHABLE.test(stderr)) throw error;
    unavailable = `npm could not install the consumer's packages offline or from the registry (${killed ? 'timed out' : UNREACHABLE.exec(stderr)![0]})`;
    if (process.env.CI === 'true')
      throw new Error(`CI=true: failing instead of skipping the SDK consumer test: ${unavailable}`, { cause: error });
    process.stderr.write(`Skipping the SDK consumer test: ${unavailable}\n`);
  }
}, 300_000);

afterAll(async () => {
  await Promise.all(scratch.map((path) => rm(path, { recursive: true, force: true })));
});

/** Runs a compiled file of the consumer as its user would, against the test's runtime. */
async function runConsumer(file: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(consumer!.dir, 'dist', file)], {
    cwd: consumer!.dir,
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      MEMO_CONFIG_URL: new URL('/config.json', localApi().url).href,
      MEMO_USERNAME: 'alice',
      MEMO_PASSWORD: TEST_USERS.alice,
      ALICE_PASSWORD: TEST_USERS.alice,
      BOB_PASSWORD: TEST_USERS.bob,
      IAM_ACCESS_KEY_ID: TEST_IAM.accessKeyId,
      IAM_SECRET_ACCESS_KEY: TEST_IAM.secretAccessKey,
    },
  });
  return stdout.trimEnd().split('\n');
}

describe('@memo-api/client installed from its tarball', () => {
  it('is a real install of a small package: dist only, no link into the repository', async (context) => {
    if (!consumer) return context.skip(unavailable);
    const installed = join(consumer.dir, 'node_modules', '@memo-api', 'client');
    expect((await lstat(installed)).isSymbolicLink()).toBe(false);
    expect(await readdir(installed)).toEqual(expect.arrayContaining(['dist', 'package.json']));
    expect((await readdir(installed)).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    process.stderr.write(
      `@memo-api/client: packed ${consumer.packed.size} B (${consumer.packed.filename}, ${consumer.packed.entryCount} files), unpacked ${consumer.packed.unpackedSize} B, installed ${consumer.installedBytes} B\n`,
    );
    expect(consumer.packed.size).toBeLessThan(100_000);
  });

  it("type-checks the README examples and the consumer with the consumer's own tsc (strict, NodeNext)", async (context) => {
    if (!consumer) return context.skip(unavailable);
    const tsc = join(consumer.dir, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', consumer.dir], { cwd: consumer.dir })).resolves.toMatchObject({ stdout: '' });
    const declarations = await run(process.execPath, [tsc, '-p', join(consumer.dir, 'tsconfig.declarations.json')], {
      cwd: consumer.dir,
    }).catch((error: { stdout: string }) => error);
    expect(declarations.stdout.split('\n').filter((line) => line.includes('@memo-api/client'))).toEqual([]);
  }, 120_000);

  it.for(Object.keys(LIB_CHECKS))(
    "type-checks with every library's declarations (skipLibCheck false) as the README says: %s",
    { timeout: 120_000 },
    async (name, context) => {
      if (!consumer) return context.skip(unavailable);
      const tsc = join(consumer.dir, 'node_modules', 'typescript', 'bin', 'tsc');
      const { stdout } = await run(process.execPath, [tsc, '-p', join(consumer.dir, `tsconfig.${name}.json`)], { cwd: consumer.dir }).catch(
        (error: { stdout: string }) => error,
      );
      const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
      const expected = LIB_CHECKS[name]!.errors;
      // Each error is one the README names, and each the README names occurs (so the README is updated when a library fixes one).
      expect(errors.filter((line) => !expected.some((pattern) => pattern.test(line)))).toEqual([]);
      for (const pattern of expected)
        expect(
          errors.some((line) => pattern.test(line)),
          String(pattern),
        ).toBe(true);
    },
  );

  it.for(['urql.ts', 'apollo.ts', 'signIn.ts', 'offline.ts'])(
    'runs the README example %s and prints what its comments say',
    { timeout: 120_000 },
    async (file, context) => {
      if (!consumer) return context.skip(unavailable);
      const source = await readFile(join(examplesDir, file), 'utf8');
      const expected = [...source.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
      expect(expected.length).toBeGreaterThan(1);
      expect(await runConsumer(join('examples', file.replace(/\.ts$/, '.js')))).toEqual(expected);
    },
  );

  it('serves a consumer of both adapters: CRUD, typed errors, subscriptions, IAM, refused credentials', async (context) => {
    if (!consumer) return context.skip(unavailable);
    expect(await runConsumer('consumerApp.js')).toEqual([
      'ok urql: create, get, list, update and delete as alice',
      'ok urql: a stale expectedVersion is a typed VersionConflict, a deleted memo a MemoNotFound',
      'ok apollo: create, get, update and delete as alice; VersionConflict from CombinedGraphQLErrors',
      "ok urql: alice's subscription hears her new memos and none of bob's",
      "ok apollo: alice's subscription to one memo hears its updates",
      'ok urql over IAM: a signed createMemo for alice, which she then reads through Apollo',
      'ok bad credentials are a typed UnauthorizedException in both adapters, over HTTP and real-time',
    ]);
  }, 120_000);
});
