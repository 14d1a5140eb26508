// One cold start, run in a fresh `node` per measurement (plain JS, so nothing but Node itself
// loads before the code under test). Prints one JSON line: milliseconds since this process
// started (performance.timeOrigin) when the code was loaded and when its first result arrived,
// and the peak RSS, on a line of its own starting with RESULT_MARK.
//   node firstResponseRunner.mjs handler <bundle> <event.json>   the handler's first invocation
//   node firstResponseRunner.mjs floor <request.json>            one DynamoDB request over node:http
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** @typedef {{ loadedMs: number, result: unknown }} FirstResponse */
/** @typedef {{ endpoint: string, target: string, body: unknown }} FloorRequest */
/** @typedef {{ handler: (event: unknown, context: { awsRequestId: string }) => Promise<unknown> }} HandlerModule */

// The handler logs to stdout too (as on Lambda): the result line is the one with this mark.
const RESULT_MARK = '@@first-response ';
const [mode, target, eventFile] = process.argv.slice(2);
const { loadedMs, result } = mode === 'floor' ? await floor(target) : await invoke(target, eventFile);
const firstResultMs = performance.now();
process.stdout.write(`${RESULT_MARK}${JSON.stringify({ loadedMs, firstResultMs, maxRssKiB: peakRssKiB(), result })}\n`);

/**
 * VmHWM: the peak RSS of this program since exec. getrusage's maxRSS would also count the
 * parent's RSS at fork time, which Linux carries across exec.
 */
function peakRssKiB() {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

/**
 * @param {string} bundle
 * @param {string} eventFile
 * @returns {Promise<FirstResponse>}
 */
async function invoke(bundle, eventFile) {
  // As Lambda's Node.js runtime loads a handler: `import()` for ESM, `require()` for CommonJS
  // (CDK's default format), which skips the ESM loader's export scan of the file.
  const { handler } = /** @type {HandlerModule} */ (await loadModule(bundle));
  const loadedMs = performance.now();
  const result = await handler(readJson(eventFile), { awsRequestId: 'cold-start' });
  return { loadedMs, result };
}

/**
 * The least any handler can do: the same DynamoDB request as raw HTTP. Unsigned (local stores
 * check the header's shape, not the signature): the HMACs of a real signature take microseconds.
 *
 * @param {string} requestFile the request, as a {@link FloorRequest}
 * @returns {Promise<FirstResponse>}
 */
async function floor(requestFile) {
  const { endpoint, target, body } = /** @type {FloorRequest} */ (readJson(requestFile));
  const { request } = await import('node:http');
  const loadedMs = performance.now();
  /** @type {Promise<unknown>} */
  const reply = new Promise((resolve, reject) => {
    const call = request(
      endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
          'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
      },
      (response) => {
        let text = '';
        response
          .setEncoding('utf8')
          .on('data', (chunk) => (text += chunk))
          .on('end', () => resolve(parseJson(text)));
      },
    );
    call.on('error', reject).end(JSON.stringify(body));
  });
  return { loadedMs, result: await reply };
}

/**
 * A module as `import()` or, for CommonJS, `require()` loads it.
 * @param {string} file
 * @returns {Promise<unknown>}
 */
function loadModule(file) {
  return file.endsWith('.cjs') ? Promise.resolve(createRequire(import.meta.url)(file)) : import(pathToFileURL(file).href);
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseJson(text) {
  return JSON.parse(text);
}

/**
 * @param {string} file
 * @returns {unknown}
 */
function readJson(file) {
  return parseJson(readFileSync(file, 'utf8'));
}
