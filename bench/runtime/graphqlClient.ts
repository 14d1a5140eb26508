import { Agent, request as httpRequest } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/**
 * The thinnest client of the generated SDK: POST a typed document over a keep-alive
 * connection, get typed data. Printing is cached per document and node:http is used rather
 * than fetch, so the benchmark spends its CPU on the API, not on the client. `idToken` goes raw
 * in Authorization, as AppSync's user-pool mode takes it.
 */
export function graphqlClient(url: string, idToken: string) {
  const printed = new WeakMap<object, string>();
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  return async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    let query = printed.get(document);
    if (query === undefined) printed.set(document, (query = print(document)));
    const body = await post(agent, target, idToken, JSON.stringify({ query, variables }));
    const { data, errors } = JSON.parse(body) as { data?: TResult; errors?: { errorType?: string; message: string }[] };
    if (errors?.length) throw new Error(`${errors[0]!.errorType}: ${errors[0]!.message}`);
    return data!;
  };
}

function post(agent: Agent, target: URL, authorization: string, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export type GraphqlRequest = ReturnType<typeof graphqlClient>;
