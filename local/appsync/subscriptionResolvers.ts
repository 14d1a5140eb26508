import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from '@aws-appsync/utils';
import { SUBSCRIPTION_FIELDS } from '../../resolvers/fields.js';

/** An APPSYNC_JS unit resolver on a NONE data source: what a SUBSCRIPTION_FIELDS `code` module exports. */
export interface SubscriptionResolverCode {
  request(ctx: Context): { payload?: unknown } | null | undefined;
  response(ctx: Context): unknown;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports every SUBSCRIPTION_FIELDS entry's `code`, the module infra/ deploys as that field's
 * resolver, keyed by field name: the local runtime runs the same code at `start`, as it runs the
 * MEMO_FIELDS handlers (lambdaFields.ts).
 */
export async function loadSubscriptionResolvers(): Promise<Map<string, SubscriptionResolverCode>> {
  const resolvers = new Map<string, SubscriptionResolverCode>();
  for (const field of SUBSCRIPTION_FIELDS) {
    const module = (await import(pathToFileURL(resolve(repositoryRoot, field.code)).href)) as Partial<SubscriptionResolverCode>;
    if (typeof module.request !== 'function' || typeof module.response !== 'function') {
      throw new Error(`${field.code} does not export request and response functions (the resolver of Subscription.${field.fieldName})`);
    }
    resolvers.set(field.fieldName, { request: module.request, response: module.response });
  }
  return resolvers;
}
