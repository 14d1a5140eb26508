import type { IncomingMessage } from 'node:http';
import type { GraphQLRequest } from '../appsync/graphqlExecution.js';
import { Unauthenticated, type Authenticator } from '../auth/authenticator.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import { HttpError } from './httpErrors.js';
import { readRequestBody } from './readRequestBody.js';
import { utf8Text } from './utf8Body.js';

/**
 * Reads a POST to the GraphQL endpoint: checks size, credentials, content type and shape, in
 * that order, always draining the body first (a SigV4 signature covers the body, so it is
 * verified against the bytes received).
 *
 * @throws {HttpError} for the first check that fails (413, 401, 415, 400)
 */
export async function readGraphQLRequest(
  request: IncomingMessage,
  authenticator: Authenticator,
): Promise<{ caller: VerifiedCaller; graphqlRequest: GraphQLRequest }> {
  const body = await readRequestBody(request);
  let caller: VerifiedCaller;
  try {
    caller = await authenticator.http({
      method: request.method ?? 'POST',
      path: request.url ?? '/',
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress ?? '',
    });
  } catch (error) {
    if (error instanceof Unauthenticated) throw new HttpError(401, 'UnauthorizedException', error.message);
    throw error;
  }
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UnsupportedMediaTypeException', `Content-Type must be application/json, not ${contentType ?? 'missing'}`);
  }
  return { caller, graphqlRequest: parseGraphQLBody(body) };
}

function parseGraphQLBody(body: Buffer): GraphQLRequest {
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
  if (operationName != null && typeof operationName !== 'string')
    throw new HttpError(400, 'BadRequestException', 'operationName must be a string');
  return { query, variables: variables as GraphQLRequest['variables'], operationName };
}
