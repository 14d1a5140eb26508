import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const sdkDir = join(repositoryRoot, 'sdk');
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, any>;
const sdkPackage = () => readJson(join(sdkDir, 'package.json'));
const run = promisify(execFile);

/** Every .ts file under sdk/src, relative to it. */
async function sourceFiles(dir = join(sdkDir, 'src')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(join(sdkDir, 'src'), join(entry.parentPath, entry.name)));
}

/** The module specifiers a file imports or re-exports (static and dynamic), comments (TSDoc examples) aside. */
function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[^]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

describe('@memo-api/client package', () => {
  it('exports ".", "./urql", "./apollo", "./offline" and "./node" as types + ESM from dist/, each built from a source file', async () => {
    const { exports, files, type, sideEffects } = await sdkPackage();
    expect({ files, type, sideEffects }).toEqual({ files: ['dist'], type: 'module', sideEffects: false });
    const sources = await sourceFiles();
    for (const [subpath, entry] of [
      ['.', 'index'],
      ['./urql', 'urql'],
      ['./apollo', 'apollo'],
      ['./offline', 'offline'],
      ['./node', 'node'],
    ] as const) {
      expect(exports[subpath], subpath).toEqual({ types: `./dist/${entry}.d.ts`, import: `./dist/${entry}.js` });
      expect(sources, subpath).toContain(`${entry}.ts`);
    }
  });

  it('imports only its own files (with .js, as ESM needs) and the packages it declares', async () => {
    const { dependencies, peerDependencies } = await sdkPackage();
    const declared = new Set([...Object.keys(dependencies), ...Object.keys(peerDependencies)]);
    for (const file of await sourceFiles()) {
      for (const specifier of specifiersOf(await readFile(join(sdkDir, 'src', file), 'utf8'))) {
        if (specifier.startsWith('.')) {
          expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
          const target = join(sdkDir, 'src', file, '..', specifier.replace(/\.js$/, '.ts'));
          expect(relative(join(sdkDir, 'src'), target), `${file} imports ${specifier} from outside sdk/src`).not.toMatch(/^\.\./);
        } else {
          // Browsers run it too: no node: modules, and nothing the package does not declare.
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
          expect(declared, `${file} imports ${specifier}`).toContain(name);
        }
      }
    }
  });

  it('pins its dependencies to the versions the repository is tested with', async () => {
    const lock = await readJson(join(repositoryRoot, 'package-lock.json'));
    const { dependencies } = await sdkPackage();
    for (const [name, range] of Object.entries(dependencies)) {
      // The workspace's own copy when the root holds another version (idb 5 for Amplify, 8 for the SDK).
      const locked = lock.packages[`sdk/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
      expect(range, name).toBe(`^${locked.version}`);
    }
  });

  it("keeps the adapters' libraries optional, so a urql app installs no Apollo and the reverse", async () => {
    const { peerDependencies, peerDependenciesMeta } = await sdkPackage();
    expect(Object.keys(peerDependencies).sort()).toEqual(['@apollo/client', '@urql/core', 'graphql', 'rxjs']);
    expect(peerDependencies.graphql).toMatch(/^\^16\./);
    for (const name of ['@apollo/client', '@urql/core', 'rxjs']) expect(peerDependenciesMeta[name], name).toEqual({ optional: true });
    // What `@memo-api/client` loads, file by file from index.ts: never an adapter's library.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of specifiersOf(await readFile(join(sdkDir, 'src', file), 'utf8'))) {
        if (specifier.startsWith('.'))
          await visit(relative(join(sdkDir, 'src'), join(sdkDir, 'src', file, '..', specifier.replace(/\.js$/, '.ts'))));
        else packages.add(specifier);
      }
    };
    await visit('index.ts');
    expect(seen.size).toBeGreaterThan(5);
    expect([...packages].filter((name) => /urql|apollo|rxjs/.test(name))).toEqual([]);
  });

  it('shows every example file in its README verbatim, and no TypeScript that is not one of them', async () => {
    const readme = await readFile(join(sdkDir, 'README.md'), 'utf8');
    const snippets = [...readme.matchAll(/^```ts\n([^]*?)^```$/gm)].map((match) => match[1]!);
    const examples = await readdir(join(sdkDir, 'examples'));
    const files = await Promise.all(examples.map((file) => readFile(join(sdkDir, 'examples', file), 'utf8')));
    expect(snippets.sort()).toEqual(files.sort());
    for (const file of examples) expect(readme, file).toContain(`\`sdk/examples/${file}\``);
  });
});

describe('@memo-api/client is ready to publish', () => {
  it('is MIT-0 licensed, with the license text in the package, public under its scope, and names its entry points', async () => {
    const pkg = await sdkPackage();
    expect(pkg).toMatchObject({
      name: '@memo-api/client',
      license: 'MIT-0',
      publishConfig: { access: 'public' },
      types: './dist/index.d.ts',
      sideEffects: false,
    });
    expect(pkg.private).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    const license = await readFile(join(sdkDir, 'LICENSE'), 'utf8');
    expect(license.split('\n')[0]).toBe('MIT No Attribution');
    expect(license).toContain('without restriction, including without limitation the rights to use, copy, modify,');
  });

  it('packs exactly package.json, README.md, LICENSE and the built dist/, which holds every export target', async () => {
    // A copy of sdk/ with its build in it, packed as `npm pack --workspace sdk` packs (the prepack build aside).
    const staging = await mkdtemp(join(tmpdir(), 'memo-sdk-files-'));
    try {
      await cp(sdkDir, staging, { recursive: true, filter: (source) => !/[\\/](dist|node_modules)$/.test(source) });
      await run(process.execPath, [
        join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(sdkDir, 'tsconfig.build.json'),
        '--outDir',
        join(staging, 'dist'),
      ]);
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: staging });
      const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
      const paths = files.map((file) => file.path);
      const pkg = await sdkPackage();
      expect(filename).toBe(`memo-api-client-${pkg.version}.tgz`);
      expect(paths.filter((path) => !path.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
      expect(paths.filter((path) => path.startsWith('dist/') && !/\.(js|d\.ts)$/.test(path))).toEqual([]);
      const targets = [
        pkg.types,
        ...Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((entry) =>
          typeof entry === 'string' ? [] : Object.values(entry),
        ),
      ];
      for (const target of targets) expect(paths, target).toContain(target.replace(/^\.\//, ''));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }, 120_000);

  it('says in its README how to install it today (from the tarball npm pack makes), not from the registry', async () => {
    const readme = await readFile(join(sdkDir, 'README.md'), 'utf8');
    const { version } = await sdkPackage();
    const install = /^## Install\n([^]*?)^## /m.exec(readme)![1]!;
    expect(install).toContain('npm pack --workspace sdk');
    expect(install).toContain(`npm install ./memo-api-client-${version}.tgz graphql`);
    expect(install).not.toMatch(/npm install @memo-api\/client/);
  });
});
