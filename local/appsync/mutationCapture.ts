import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from './requestContext.js';
import { selectedFieldNames } from './selectionSet.js';

/**
 * Keeps a mutation's result for the subscriptions it triggers, restricted to the fields the
 * mutation selected: AppSync forwards only those to subscribers.
 */
export function captureMutationResult(requestContext: RequestContext, fieldName: string, value: unknown, info: GraphQLResolveInfo): void {
  if (value === null || typeof value !== 'object') return;
  const selected = selectedFieldNames(info.fieldNodes, info.fragments);
  const projected = Object.fromEntries(Object.entries(value).filter(([name]) => selected.has(name)));
  requestContext.mutationResults.push({ fieldName, value: projected });
}
