import type { IncomingMessage } from 'node:http';
import { HttpError, RequestAbortedError } from './httpErrors.js';

/** AppSync's request size limit. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Reading stops past this size: the 413 goes out and the connection closes behind it. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/**
 * The body, up to MAX_BODY_BYTES. A bigger one is read to the end so the client sees the 413,
 * up to MAX_DRAINED_BYTES; past that, reading stops and the 413 closes the connection.
 *
 * @throws {HttpError} 413 when the body exceeds MAX_BODY_BYTES
 * @throws {RequestAbortedError} when the client goes away first
 */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const body = await readUpToLimit(request);
  if (body === undefined) throw new HttpError(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
  return body;
}

function readUpToLimit(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      if (size > MAX_DRAINED_BYTES) {
        request.off('data', onData).pause();
        resolve(undefined);
      }
    };
    request.on('data', onData);
    request.once('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.once('error', (error) => reject(new RequestAbortedError({ cause: error })));
    // 'close' follows every request, read or not: build the error (and its stack) only for one cut short.
    request.once('close', () => request.complete || reject(new RequestAbortedError()));
  });
}
