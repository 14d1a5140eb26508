import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * What goes over the wire for one operation: the JSON body of a POST, or a real-time start's `data`.
 *
 * @example
 * const request: GraphQLRequest = { query: '{ listMemos { items { memoId } } }' };
 */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

const printed = new WeakMap<DocumentNode, { query: string; operationName?: string }>();

/**
 * The request for a typed document (printed once per document) or a query string.
 *
 * @example
 * const body = JSON.stringify(toGraphQLRequest(GetMemoDocument, { memoId }));
 */
export function toGraphQLRequest<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
): GraphQLRequest {
  const { query, operationName } = typeof document === 'string' ? { query: document, operationName: undefined } : printDocument(document);
  return {
    query,
    ...(variables === undefined || variables === null ? {} : { variables: variables as Record<string, unknown> }),
    ...(operationName === undefined ? {} : { operationName }),
  };
}

function printDocument(document: DocumentNode): { query: string; operationName?: string } {
  let entry = printed.get(document);
  if (!entry) {
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const name = operation?.name?.value;
    entry = { query: print(document), ...(name === undefined ? {} : { operationName: name }) };
    printed.set(document, entry);
  }
  return entry;
}
