import { accessSync, constants, statSync } from 'node:fs';

/** Where the bench and the browser suites look for Chromium when CHROMIUM_PATH is unset (Debian's package first). */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** CHROMIUM_PATH, or the first of CHROMIUM_CANDIDATES that is an executable file; else why not. */
export function locateChromium(env: NodeJS.ProcessEnv): { path: string } | { problem: string } {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return isExecutableFile(configured) ? { path: configured } : { problem: `no Chromium at CHROMIUM_PATH=${configured}` };
  const path = CHROMIUM_CANDIDATES.find(isExecutableFile);
  return path ? { path } : { problem: `no Chromium at ${CHROMIUM_CANDIDATES.join(', ')} (set CHROMIUM_PATH)` };
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Headless Chromium's flags on these machines (shared/README.md): no sandbox as root, nothing phoned home; precise heap figures for the bench. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];
