import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAuthorized, UNAUTHORIZED_MESSAGE } from './apiKeyAuth.js';
import type { GraphQLExecutor, GraphQLRequest } from './graphqlExecution.js';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlHtml } from './graphiqlPage.js';
import { REALTIME_PATH } from './realtime.js';
import type { SubscriptionHub } from './subscriptionHub.js';

export const GRAPHQL_PATH = '/graphql';

/** AppSync's request size limit. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A larger body is not even drained: the connection is cut. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent',
  'access-control-max-age': '86400',
};

export interface HttpApiOptions {
  readonly apiKey: string;
  readonly executor: GraphQLExecutor;
  readonly hub: SubscriptionHub;
  /** Reports a failure that is not the caller's fault (logged by the CLI). */
  readonly onInternalError: (error: unknown) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * The HTTP side of the API: POST /graphql runs GraphQL the AppSync way (API key, JSON body up to
 * 1 MB, AppSync's response and error shapes); GET / and GET /graphql serve the GraphiQL page.
 */
export function createHttpHandler(options: HttpApiOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const page = graphiqlHtml({ apiKey: options.apiKey, endpointPath: GRAPHQL_PATH, realtimePath: REALTIME_PATH });
  return async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://local');
    try {
      if (request.method === 'OPTIONS') return send(response, 204, '', 'text/plain');
      if (request.method === 'GET' && (pathname === '/' || pathname === GRAPHQL_PATH)) return send(response, 200, page, 'text/html');
      if (request.method === 'GET' && pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) {
        const asset = await graphiqlAsset(pathname.slice(GRAPHIQL_ASSET_PREFIX.length));
        if (asset) return send(response, 200, asset.body, asset.contentType);
      }
      if (pathname !== GRAPHQL_PATH) throw new HttpError(404, 'NotFoundException', `Nothing is served at ${pathname}; the API is at ${GRAPHQL_PATH}`);
      if (request.method !== 'POST') throw new HttpError(405, 'MethodNotAllowedException', `Use POST (or GET for GraphiQL) on ${GRAPHQL_PATH}`);
      const graphqlRequest = await readGraphQLRequest(request, options.apiKey);
      const { response: body, mutationResults } = await options.executor.execute(graphqlRequest, headersOf(request));
      sendJson(response, 200, body);
      options.hub.publish(mutationResults).catch(options.onInternalError);
    } catch (error) {
      if (!(error instanceof HttpError)) options.onInternalError(error);
      const known = error instanceof HttpError ? error : new HttpError(500, 'InternalFailure', 'An internal failure occurred');
      sendJson(response, known.status, { errors: [{ errorType: known.errorType, message: known.message }] });
    }
  };
}

/** Checks auth, size, content type and shape, in that order, always draining the body first. */
async function readGraphQLRequest(request: IncomingMessage, apiKey: string): Promise<GraphQLRequest> {
  const body = await readBody(request);
  if (!isAuthorized(request.headers, apiKey)) throw new HttpError(401, 'UnauthorizedException', UNAUTHORIZED_MESSAGE);
  if (body === undefined) throw new HttpError(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UnsupportedMediaTypeException', `Content-Type must be application/json, not ${contentType ?? 'missing'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
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
  return { query, variables: variables as GraphQLRequest['variables'], operationName: operationName as string | null | undefined };
}

/** The body, or undefined when it exceeds MAX_BODY_BYTES (read to the end so the client sees the 413). */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DRAINED_BYTES) request.destroy();
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, JSON.stringify(body), 'application/json');
}

function send(response: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  response.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': `${contentType}; charset=UTF-8`,
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}
