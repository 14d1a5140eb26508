import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLExecutor, GraphQLRequest } from '../appsync/graphqlExecution.js';
import { Unauthenticated, type Authenticator } from '../auth/authenticator.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import type { LocalUserPool } from '../auth/userPool/userPool.js';
import { answerClientConfig, CLIENT_CONFIG_PATH, type ClientConfig } from './clientConfig.js';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlHtml } from './graphiqlPage.js';
import type { SubscriptionHub } from '../realtime/subscriptionHub.js';
import { answerUserPoolCall, isUserPoolCall, USER_POOL_CORS_HEADERS, wellKnownDocument } from './userPoolRoutes.js';
import { answerWebApp, isWebAppPath } from './webApp.js';
import { requestPath } from './requestPath.js';
import { utf8Text } from './utf8Body.js';

export const GRAPHQL_PATH = '/graphql';

/** AppSync's request size limit. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Reading stops past this size: the 413 goes out and the connection closes behind it. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/**
 * The API itself is open to other origins (a front end on a Vite dev server calls it with its
 * token, as with AppSync); the GraphiQL page holds the local users' passwords, so no other site
 * may read it, and /config.json shows other sites its settings without them (clientConfig.ts).
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
  // AppSync's list: a browser client (Amplify JS) names errors from x-amzn-ErrorType.
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version',
};

export interface HttpApiOptions {
  readonly authenticator: Authenticator;
  readonly userPool: LocalUserPool;
  /** The body of GET /config.json. */
  readonly clientConfig: ClientConfig;
  /** Where the real-time endpoint is, for the GraphiQL page. */
  readonly realtimePath: string;
  readonly executor: GraphQLExecutor;
  readonly hub: SubscriptionHub;
  /** Whether a Host header names this API (see allowedHostHeaders); others are refused. */
  readonly isAllowedHost: (host: string | undefined) => boolean;
  /** Reports a failure that is not the caller's fault (logged by the CLI). */
  readonly onInternalError: (error: unknown) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The client went away while sending its body: there is nobody to answer. */
class RequestAbortedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The client closed the connection before sending its whole body', options);
    this.name = 'RequestAbortedError';
  }
}

const HOST_REFUSED_MESSAGE =
  'The Host header does not name this API (localhost, 127.0.0.1, [::1] or the bound address, with the port): ' +
  'other names are refused so that no website can reach the API by DNS rebinding';

/**
 * The HTTP side of the API: POST /graphql runs GraphQL the AppSync way (verified user-pool token
 * or SigV4 signature, JSON body up to 1 MB, AppSync's response and error shapes, CORS); other
 * methods on /graphql get a JSON error, as GraphQL clients expect from the endpoint. POST / with
 * `X-Amz-Target` is the local user pool's Cognito API, and `/<userPoolId>/.well-known/jwks.json`
 * its keys. GET / serves the GraphiQL page (same origin only), GET /config.json the client
 * settings (the users' passwords to the same origin only), and /app/ the web app (webApp.ts). A
 * request whose Host is not this API's gets 421 (DNS rebinding).
 */
export function createHttpHandler(options: HttpApiOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const page = graphiqlHtml({ endpointPath: GRAPHQL_PATH, realtimePath: options.realtimePath });
  const { userPool } = options;
  return async (request, response) => {
    const pathname = requestPath(request.url);
    const userPoolCall = pathname !== undefined && isUserPoolCall(request, pathname);
    const cors = pathname === GRAPHQL_PATH ? CORS_HEADERS : userPoolCall ? USER_POOL_CORS_HEADERS : {};
    const reply = (status: number, body: string | Buffer, contentType: string, headers: OutgoingHttpHeaders = {}) =>
      send(request, response, status, body, { ...cors, 'content-type': `${contentType}; charset=UTF-8`, ...headers });
    try {
      if (pathname === undefined) throw new HttpError(400, 'MalformedHttpRequestException', 'The request target is not a valid URL');
      if (request.headers.host === undefined) throw new HttpError(400, 'BadRequestException', 'The request has no Host header');
      if (!options.isAllowedHost(request.headers.host)) throw new HttpError(421, 'MisdirectedRequestException', HOST_REFUSED_MESSAGE);
      if (userPoolCall) {
        if (request.method === 'OPTIONS') return reply(204, '', 'text/plain');
        const body = await readBody(request);
        if (body === undefined) throw new HttpError(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
        const answer = await answerUserPoolCall(userPool, request, body);
        if (answer.internalError) options.onInternalError(answer.internalError);
        return send(request, response, answer.status, JSON.stringify(answer.body), { ...cors, ...answer.headers });
      }
      if (isWebAppPath(pathname)) {
        const app = await answerWebApp(request.method, pathname, options.clientConfig);
        return send(request, response, app.status, app.body, app.headers);
      }
      if (request.method === 'GET' && pathname === '/') return reply(200, page, 'text/html');
      // Browsers ask for it on every page; there is none, and a 404 would show as a console error.
      if (request.method === 'GET' && pathname === '/favicon.ico') return reply(204, '', 'image/x-icon');
      if (pathname === CLIENT_CONFIG_PATH && (request.method === 'GET' || request.method === 'OPTIONS')) {
        const answer = answerClientConfig(request.method, request.headers, options.clientConfig);
        return send(request, response, answer.status, answer.body, answer.headers);
      }
      const wellKnown = request.method === 'GET' ? wellKnownDocument(userPool, pathname) : undefined;
      if (wellKnown !== undefined) return reply(200, JSON.stringify(wellKnown), 'application/json', { 'access-control-allow-origin': '*' });
      if (request.method === 'GET' && pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) {
        const asset = await graphiqlAsset(pathname.slice(GRAPHIQL_ASSET_PREFIX.length));
        if (asset) return reply(200, asset.body, asset.contentType);
      }
      if (pathname !== GRAPHQL_PATH) throw new HttpError(404, 'NotFoundException', `Nothing is served at ${pathname}; the API is at ${GRAPHQL_PATH}, GraphiQL at /`);
      if (request.method === 'OPTIONS') return reply(204, '', 'text/plain');
      if (request.method !== 'POST') throw new HttpError(405, 'MethodNotAllowedException', methodRefusedMessage(request.method), { allow: 'POST, OPTIONS' });
      const { caller, graphqlRequest } = await readGraphQLRequest(request, options.authenticator);
      const { response: body, mutationResults } = await options.executor.execute(graphqlRequest, headersOf(request), caller);
      reply(200, JSON.stringify(body), 'application/json');
      options.hub.publish(mutationResults).catch(options.onInternalError);
    } catch (error) {
      if (error instanceof RequestAbortedError) return;
      if (!(error instanceof HttpError)) options.onInternalError(error);
      const { status, errorType, message, headers } = error instanceof HttpError ? error : new HttpError(500, 'InternalFailure', 'An internal failure occurred');
      reply(status, errorBody(errorType, message), 'application/json', { ...headers, 'x-amzn-ErrorType': errorType });
    }
  };
}

/**
 * Answers on a bare socket, for requests that never reach the handler: a WebSocket upgrade that is
 * refused, or a request Node's HTTP parser rejects. Same shape and headers as the handler's errors.
 */
export function refuseOnSocket(socket: Duplex, status: number, errorType: string, message: string, headers: OutgoingHttpHeaders = {}): void {
  if (!socket.writable) return void socket.destroy();
  const body = errorBody(errorType, message);
  const head = {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    'x-amzn-ErrorType': errorType,
    connection: 'close',
    ...headers,
  };
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(head).map(([name, value]) => `${name}: ${String(value)}`).join('\r\n')}\r\n\r\n${body}`);
}

/**
 * A `checkExpectation` listener for the server: an `Expect` other than `100-continue` gets 417 in
 * AppSync's error shape (Node's own answer has an empty body and no error type).
 */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const errorType = 'BadRequestException';
  send(request, response, 417, errorBody(errorType, 'Only "Expect: 100-continue" is supported'), {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'x-amzn-ErrorType': errorType,
    connection: 'close',
  });
}

/** A `clientError` listener for the server: Node's answers to malformed requests, in AppSync's shape. */
export function refuseMalformedRequest(error: Error & { code?: string }, socket: Duplex): void {
  // Node's own rule: nothing is written once a response has gone out on this connection.
  if ((socket as Duplex & { bytesWritten?: number }).bytesWritten) return void socket.destroy();
  if (error.code === 'HPE_HEADER_OVERFLOW') return refuseOnSocket(socket, 431, 'BadRequestException', 'The request headers are too large');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return refuseOnSocket(socket, 408, 'BadRequestException', 'The request was not received in time');
  refuseOnSocket(socket, 400, 'MalformedHttpRequestException', 'The request is not valid HTTP');
}

/**
 * Checks size, credentials, content type and shape, in that order, always draining the body
 * first (a SigV4 signature covers the body, so it is verified against the bytes received).
 */
async function readGraphQLRequest(request: IncomingMessage, authenticator: Authenticator): Promise<{ caller: VerifiedCaller; graphqlRequest: GraphQLRequest }> {
  const body = await readBody(request);
  if (body === undefined) throw new HttpError(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
  let caller: VerifiedCaller;
  try {
    caller = await authenticator.http({ method: request.method ?? 'POST', path: request.url ?? '/', headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '' });
  } catch (error) {
    if (error instanceof Unauthenticated) throw new HttpError(401, 'UnauthorizedException', error.message);
    throw error;
  }
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UnsupportedMediaTypeException', `Content-Type must be application/json, not ${contentType ?? 'missing'}`);
  }
  const text = utf8Text(body);
  if (text === undefined) throw new HttpError(400, 'MalformedHttpRequestException', 'The request body is not valid UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'MalformedHttpRequestException', 'The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'BadRequestException', 'The request body must be a JSON object {query, variables, operationName}');
  }
  const { query, variables, operationName } = parsed as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw new HttpError(400, 'BadRequestException', 'The request has no query');
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw new HttpError(400, 'BadRequestException', 'variables must be a JSON object');
  }
  if (operationName != null && typeof operationName !== 'string') throw new HttpError(400, 'BadRequestException', 'operationName must be a string');
  return { caller, graphqlRequest: { query, variables: variables as GraphQLRequest['variables'], operationName: operationName as string | null | undefined } };
}

/**
 * The body, or undefined when it exceeds MAX_BODY_BYTES. It is read to the end so the client sees
 * the 413, up to MAX_DRAINED_BYTES; past that, reading stops and the 413 closes the connection.
 *
 * @throws {RequestAbortedError} when the client goes away first
 */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
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

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

function send(request: IncomingMessage, response: ServerResponse, status: number, body: string | Buffer, headers: OutgoingHttpHeaders): void {
  response.writeHead(status, {
    ...headers,
    'x-amzn-RequestId': randomUUID(),
    // A body left unread (over MAX_DRAINED_BYTES) must not be drained for the next request.
    ...(request.complete ? {} : { connection: 'close' }),
  });
  response.end(body);
}

function methodRefusedMessage(method: string | undefined): string {
  return `${method ?? 'This method'} is not supported on ${GRAPHQL_PATH}: send GraphQL as a POST with a JSON body (urql: preferGetMethod: false); GraphiQL is at /`;
}

/** AppSync's shape for an error that stops a request before GraphQL runs. */
function errorBody(errorType: string, message: string): string {
  return JSON.stringify({ errors: [{ errorType, message }] });
}
