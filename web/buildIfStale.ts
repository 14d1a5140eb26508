/**
 * Run by `npm start` before the API starts: builds the web app (web/dist, served at /app/) when it is missing or
 * older than its sources, so a fresh clone or an edit shows up without a separate build. A
 * failed build is reported and does not stop the API from starting. Works offline (Vite only).
 */
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
export const WEB_DIST = join(repositoryRoot, 'web', 'dist');
/** What the build reads: the app, its page, config and icons, and the SDK it bundles from source (the memo rules included). */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/appIcons.ts', 'sdk/src'].map((path) => join(repositoryRoot, path));

/** Whether web/dist is missing or older than any of its sources. */
export async function isWebAppStale(): Promise<boolean> {
  const built = await modifiedAt(join(WEB_DIST, 'index.html'));
  if (built === undefined) return true;
  for (const source of SOURCES) if ((await newestIn(source)) > built) return true;
  return false;
}

/**
 * Builds into a folder of its own, then swaps it in: a build running at the same time (another
 * `npm start`, a test) never serves a half-written web/dist.
 */
export async function buildWebApp(): Promise<void> {
  const { build } = await import('vite');
  const staging = `${WEB_DIST}.tmp-${process.pid}`;
  try {
    await build({
      configFile: join(repositoryRoot, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    await rm(WEB_DIST, { recursive: true, force: true });
    await rename(staging, WEB_DIST);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestIn(path: string): Promise<number> {
  const own = (await modifiedAt(path)) ?? 0;
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  const inside = await Promise.all(entries.map((entry) => newestIn(join(path, entry.name))));
  return Math.max(own, ...inside);
}

/** Builds the web app when it is stale, saying so; a failed build is reported, never thrown. */
export async function buildWebAppIfStale(): Promise<void> {
  if (!(await isWebAppStale())) return;
  const started = performance.now();
  try {
    await buildWebApp();
    console.log(`Built the web app into web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(
      `Could not build the web app (the API starts anyway; /app/ serves the last build, if any): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
