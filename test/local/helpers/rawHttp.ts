import { connect } from 'node:net';

/** What came back on a raw connection: the status (undefined when it closed without one), headers (lower-cased names), body. */
export interface RawAnswer {
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** Everything the server wrote, as latin1 text. */
  text: string;
}

/**
 * Sends bytes over TCP exactly as given (Node's and fetch's own checks never see them), then reads
 * until the server closes; rejects when that takes longer than `boundMs`.
 */
export function rawExchange(origin: string, bytes: string | Uint8Array, boundMs = 15_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${boundMs} ms`));
    }, boundMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {}); // a reset after the answer is fine; 'close' follows
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    });
    socket.end(bytes);
  });
}

function parseAnswer(text: string): RawAnswer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1];
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const raw = rest.join('\r\n\r\n');
  return {
    status: status === undefined ? undefined : Number(status),
    headers,
    body: headers['transfer-encoding'] === 'chunked' ? dechunk(raw) : raw,
    text,
  };
}

/** An HTTP/1.1 chunked body, joined. */
function dechunk(raw: string): string {
  let body = '';
  for (let at = 0; ;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = parseInt(raw.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
