import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { SEARCH_RULE_FILES } from '../resolverSeam.js';

/** One candidate library and the adapter that puts it behind ClientSearchAdapter. */
export interface Candidate {
  library: string;
  packageName: string;
  /** The adapter's file in this folder. */
  adapterFile: string;
}

export const CANDIDATES: readonly Candidate[] = [
  { library: 'MiniSearch', packageName: 'minisearch', adapterFile: 'miniSearchAdapter.ts' },
  { library: 'FlexSearch', packageName: 'flexsearch', adapterFile: 'flexSearchAdapter.ts' },
  { library: 'Orama', packageName: '@orama/orama', adapterFile: 'oramaAdapter.ts' },
];

/** The installed version, from the package's own package.json (not every package exports that path). */
export function installedVersion(packageName: string): string {
  const path = fileURLToPath(new URL(`../../node_modules/${packageName}/package.json`, import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/**
 * The adapters import the shared rules through the bench's seam, whose other exports would drag
 * the AWS SDK into a browser bundle: in a page bundle it stands for the rules' two files only.
 */
const sharedRulesOnly: Plugin = {
  name: 'shared-rules-only',
  setup(bundler) {
    bundler.onResolve({ filter: /\/resolverSeam\.js$/ }, () => ({ path: 'shared-rules', namespace: 'shared-rules' }));
    bundler.onLoad({ filter: /.*/, namespace: 'shared-rules' }, () => ({
      contents: [
        `export { searchWords } from ${JSON.stringify(SEARCH_RULE_FILES.searchMatch)};`,
        `export { tagKey } from ${JSON.stringify(SEARCH_RULE_FILES.memoRules)};`,
      ].join('\n'),
      loader: 'ts',
      resolveDir: dirname(SEARCH_RULE_FILES.searchMatch),
    }));
  },
};

export interface PageBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
}

/** A file of this folder bundled for the browser as an ES module (minified, as an app would ship it), with its sizes. */
export async function pageBundle(file: string): Promise<PageBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${file}`, import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [sharedRulesOnly],
  });
  const contents = result.outputFiles[0]!.contents;
  return { code: result.outputFiles[0]!.text, bytes: contents.byteLength, gzipBytes: gzipSync(contents, { level: 9 }).byteLength };
}
