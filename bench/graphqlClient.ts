import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/**
 * The thinnest client of the generated SDK: POST a typed document, get typed data. Printing is
 * cached per document so the benchmark measures the API, not the client.
 */
export function graphqlClient(url: string, apiKey: string) {
  const printed = new WeakMap<object, string>();
  return async function request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    let query = printed.get(document);
    if (query === undefined) printed.set(document, (query = print(document)));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: TResult; errors?: { errorType?: string; message: string }[] };
    if (body.errors?.length) throw new Error(`${body.errors[0]!.errorType}: ${body.errors[0]!.message}`);
    return body.data!;
  };
}

export type GraphqlRequest = ReturnType<typeof graphqlClient>;
