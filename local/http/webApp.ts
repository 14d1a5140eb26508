import { readFile, stat } from 'node:fs/promises';
import type { OutgoingHttpHeaders } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientConfig } from './clientConfig.js';

/** Where the web app is served: the base Vite builds it for (web/vite.config.ts). */
export const WEB_APP_PATH = '/app/';

/** What `npm run web:build` writes. */
export const WEB_APP_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8',
  '.js': 'text/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.webmanifest': 'application/manifest+json; charset=UTF-8',
  '.map': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=UTF-8',
};

export interface WebAppAnswer {
  readonly status: number;
  readonly body: string | Buffer;
  readonly headers: OutgoingHttpHeaders;
}

/** Whether the web app answers this path: `/app` and everything under `/app/`. */
export function isWebAppPath(pathname: string): boolean {
  return pathname === WEB_APP_PATH.slice(0, -1) || pathname.startsWith(WEB_APP_PATH);
}

/**
 * Serves the built web app (web/dist) at /app/, same origin only (no CORS headers; CORP
 * same-origin). `/app/config.json` is always the runtime's own client config, as `npm run
 * deploy` puts config.json next to the app on AWS. A path that names no file and has no extension
 * is a route of the app: index.html. Nothing outside web/dist can be named: `..` segments (even
 * percent-encoded) are refused, and the resolved path must stay inside the folder.
 */
export async function answerWebApp(
  method: string | undefined,
  pathname: string,
  clientConfig: ClientConfig,
  distDir = WEB_APP_DIST,
): Promise<WebAppAnswer> {
  if (method !== 'GET' && method !== 'HEAD')
    return errorAnswer(
      405,
      'MethodNotAllowedException',
      `${method ?? 'This method'} is not supported on ${WEB_APP_PATH}: the web app is GET only`,
      { allow: 'GET, HEAD' },
    );
  if (!pathname.startsWith(WEB_APP_PATH)) return { status: 308, body: '', headers: { location: WEB_APP_PATH } };
  const relative = decodedRelativePath(pathname.slice(WEB_APP_PATH.length));
  if (relative === undefined) return errorAnswer(400, 'BadRequestException', `Not a path of the web app: ${pathname}`);
  if (relative === 'config.json') return fileAnswer(JSON.stringify(clientConfig, null, 2), '.json', false);
  const root = resolve(distDir);
  const file = relative === '' ? undefined : await readFileIn(root, relative);
  if (file) return fileAnswer(file, extname(relative), relative.startsWith('assets/'));
  if (extname(relative) !== '') return errorAnswer(404, 'NotFoundException', `The web app has no file ${pathname}`);
  const index = await readFileIn(root, 'index.html');
  if (!index)
    return errorAnswer(
      404,
      'NotFoundException',
      'The web app is not built: run npm run web:build (npm start builds it when web/dist is missing or older than web/src)',
    );
  return fileAnswer(index, '.html', false);
}

/** The path below /app/, percent-decoded; undefined when it is malformed or climbs out (`..`, backslash, NUL). */
function decodedRelativePath(encoded: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(path) || path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return path;
}

/** The file's bytes when it is a regular file inside root, else undefined. */
async function readFileIn(root: string, relative: string): Promise<Buffer | undefined> {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) return undefined;
  try {
    return (await stat(path)).isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

function fileAnswer(body: string | Buffer, extension: string, hashed: boolean): WebAppAnswer {
  return {
    status: 200,
    body,
    headers: {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // Vite names assets by content hash; index.html and config.json must be fresh on every load.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SAME_ORIGIN_HEADERS,
    },
  };
}

const SAME_ORIGIN_HEADERS = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' };

/** AppSync's error shape, as the rest of the runtime answers. */
function errorAnswer(status: number, errorType: string, message: string, headers: OutgoingHttpHeaders = {}): WebAppAnswer {
  return {
    status,
    body: JSON.stringify({ errors: [{ errorType, message }] }),
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-amzn-ErrorType': errorType, ...SAME_ORIGIN_HEADERS, ...headers },
  };
}
