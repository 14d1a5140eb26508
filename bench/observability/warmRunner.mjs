// One process of warm calls, run in a fresh `node`: loads a handler bundle, invokes it once (the
// cold call, untimed), then `calls` more times with the same event, timing each. As Lambda's
// runtime does, each invocation gets its own _X_AMZN_TRACE_ID when the environment has one.
// Prints the handler's own output, then one line starting with RESULT_MARK: the CPU and in-process
// time to the first result, the warm calls' ms and the first result.
//   node warmRunner.mjs <bundle.mjs> <event.json> <calls>
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @typedef {{ handler: (event: unknown, context: { awsRequestId: string }) => Promise<unknown> }} HandlerModule */

const RESULT_MARK = '@@warm-calls ';
const [bundle, eventFile, calls] = process.argv.slice(2);
/** @type {unknown} */
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
/** @type {unknown} */
const loaded = await import(pathToFileURL(bundle).href);
const { handler } = /** @type {HandlerModule} */ (loaded);
const tracing = process.env._X_AMZN_TRACE_ID !== undefined;

const result = await invoke(0);
// CPU time (user + system) from exec to the first result: less disturbed than wall time by other
// processes on a shared machine.
const { user, system } = process.cpuUsage();
const coldCpuMs = (user + system) / 1000;
const coldResultMs = performance.now();
/** @type {number[]} */
const warmMs = [];
for (let call = 1; call <= Number(calls); call++) {
  const started = performance.now();
  await invoke(call);
  warmMs.push(performance.now() - started);
}
process.stdout.write(`${RESULT_MARK}${JSON.stringify({ coldCpuMs, coldResultMs, warmMs, result })}\n`);

/** @param {number} call */
function invoke(call) {
  if (tracing) process.env._X_AMZN_TRACE_ID = traceHeader();
  return handler(event, { awsRequestId: `warm-${call}` });
}

/** A sampled X-Ray trace header, as Lambda sets it per invocation when active tracing is on. */
function traceHeader() {
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
}
