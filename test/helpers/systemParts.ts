import { locateChromium } from '../../bench/chromiumLocation.js';
export { CHROMIUM_FLAGS } from '../../bench/chromiumLocation.js';
import { JAVA_INSTALL_HINT, locateJava } from '../../local/store/dynamoDbLocal.js';

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

/** Debian's chromium by default; CHROMIUM_PATH names any other Chromium or Chrome. Found as the bench finds it. */
export const CHROMIUM: SystemPart = {
  // The problem names CHROMIUM_PATH already (bench/chromiumLocation.ts).
  installHint: 'on Debian: apt-get install -y chromium; elsewhere any Chromium or Chrome',
  locate: locateChromium,
};

/** Java 17+ (what DynamoDB Local needs): found the way local/store/dynamoDbLocal.ts finds it. */
export const JAVA: SystemPart = { installHint: JAVA_INSTALL_HINT, locate: locateJava };

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
