/**
 * Imported first by `npm start`: on a Node.js older than package.json's `engines.node` it exits
 * with one line saying what to install, before any dependency can fail with a stack trace.
 */
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

/** The oldest major release `engines.node` (">=N") admits. */
export const OLDEST_SUPPORTED_MAJOR = Number(/^>=\s*(\d+)/.exec(manifest.engines.node)?.[1]);

/** Why this Node cannot run the project, or undefined when it can. */
export function unsupportedNode(version: string = process.versions.node): string | undefined {
  const major = Number(version.split('.')[0]);
  if (major >= OLDEST_SUPPORTED_MAJOR) return undefined;
  return `Node.js ${OLDEST_SUPPORTED_MAJOR} or later is needed (this is v${version}); Lambda runs Node.js 24: see .node-version, or README.md "Quick start" for how to get it.`;
}

const problem = unsupportedNode();
if (problem !== undefined) {
  console.error(`Cannot start: ${problem}`);
  process.exit(1);
}
