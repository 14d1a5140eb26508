import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A program some suites need from the machine rather than from npm. Such a suite finds it or,
 * when it is missing, is skipped with one line naming the install command — except on CI
 * (CI=true), where a missing part fails the run so a suite can never be skipped silently.
 */
export interface SystemPart {
  /** How to get it, for the skip line. */
  readonly installHint: string;
  /** The executable's path, or why there is none that fits. */
  locate(env: NodeJS.ProcessEnv): { path: string } | { problem: string };
}

export class SystemPartMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SystemPartMissingError';
  }
}

/** Debian's chromium by default; CHROMIUM_PATH names any other Chromium or Chrome. */
export const CHROMIUM: SystemPart = {
  installHint: 'set CHROMIUM_PATH to any Chromium or Chrome, or on Debian: apt-get install -y chromium',
  locate(env) {
    const configured = env.CHROMIUM_PATH?.trim();
    if (configured) return isExecutableFile(configured) ? { path: configured } : { problem: `CHROMIUM_PATH=${configured} is not an executable file` };
    const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
    const path = candidates.find(isExecutableFile);
    return path ? { path } : { problem: 'no Chromium found' };
  },
};

const MINIMUM_JAVA = 17;

/** Java 17+ (what DynamoDB Local needs): JAVA_HOME's first, then `java` on PATH. */
export const JAVA: SystemPart = {
  installHint: `set JAVA_HOME or put java ${MINIMUM_JAVA}+ on PATH, or on Debian: apt-get install -y openjdk-17-jre-headless`,
  locate(env) {
    const candidates = [...(env.JAVA_HOME?.trim() ? [join(env.JAVA_HOME.trim(), 'bin', 'java')] : []), 'java'];
    let problem = 'no Java found';
    for (const candidate of candidates) {
      const major = javaMajorVersion(candidate, env);
      if (major === undefined) continue;
      if (major >= MINIMUM_JAVA) return { path: candidate };
      problem = `${candidate} is Java ${major}, DynamoDB Local needs ${MINIMUM_JAVA}+`;
    }
    return { problem };
  },
};

/**
 * Applies the rule: returns the part's executable; when it is missing, prints
 * `Skipping <suite>: <why> (<install hint>)` and returns undefined — or, on CI, throws.
 *
 * @example
 * const chromiumPath = systemPartFor('the browser suite', CHROMIUM);
 * describe.skipIf(!chromiumPath)('GraphiQL in headless Chromium', () => { … });
 * @throws {SystemPartMissingError} when the part is missing and CI=true
 */
export function systemPartFor(suite: string, part: SystemPart, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = part.locate(env);
  if ('path' in found) return found.path;
  if (env.CI === 'true') {
    throw new SystemPartMissingError(`CI=true: failing instead of skipping ${suite}: ${found.problem} (${part.installHint})`);
  }
  // One raw line: console.log in a test file would add vitest's "stdout | file" header.
  process.stderr.write(`Skipping ${suite}: ${found.problem} (${part.installHint})\n`);
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
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

/** Headless Chromium's flags on these machines (shared/README.md): no sandbox as root, no phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
