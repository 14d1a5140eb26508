import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** Which bound a refused request crossed (docs/api.md#request-limits). */
export type RequestLimitName = 'queryDepthLimit' | 'resolverCountLimit' | 'nestingDepth' | 'expandedSelections' | 'unknownInputFields';

export interface RequestLimitInfo {
  readonly limit: RequestLimitName;
  readonly max: number;
}

/** A request refused before any resolver runs because it crosses a limit; the client sees errorType and errorInfo. */
export class RequestLimitExceeded extends Error {
  readonly errorType = 'RequestLimitExceeded';

  constructor(
    message: string,
    readonly errorInfo: RequestLimitInfo,
  ) {
    super(message);
    this.name = 'RequestLimitExceeded';
  }
}

/**
 * The GraphQL error of a refused request, located where `options` says.
 * @example limitError('Query depth 25 exceeds the limit of 20', { limit: 'queryDepthLimit', max: 20 }, { nodes: operation })
 */
export function limitError(
  message: string,
  info: RequestLimitInfo,
  options: Omit<GraphQLErrorOptions, 'originalError'> = {},
): GraphQLError {
  return new GraphQLError(message, { ...options, originalError: new RequestLimitExceeded(message, info) });
}
