import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalUserPool } from '../../../../local/auth/userPool/userPool.js';

/** A running stand-in for the runtime's HTTP routes to the user pool. */
export interface UserPoolServer {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`, Amplify's `userPoolEndpoint`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The two routes the lead wires into local/server.ts, on a free loopback port: `POST /` with
 * `X-Amz-Target` into `handleRequest`, and `GET /<userPoolId>/.well-known/jwks.json`.
 * `pool` is read per request, so a test can open the pool after learning the server's origin.
 */
export async function startUserPoolServer(pool: () => LocalUserPool): Promise<UserPoolServer> {
  const server = createServer((request, response) => void answer(pool(), request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function answer(current: LocalUserPool, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === `/${current.userPoolId}/.well-known/jwks.json`) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current.jwks()));
    return;
  }
  if (request.method !== 'POST' || request.url !== '/') {
    response.writeHead(404).end();
    return;
  }
  const reply = await current.handleRequest(String(request.headers['x-amz-target'] ?? ''), parseJson(await bodyOf(request)));
  response.writeHead(reply.status, reply.headers).end(JSON.stringify(reply.body));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
