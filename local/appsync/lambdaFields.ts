import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GraphQLFieldResolver } from 'graphql';
import { MEMO_FIELDS, MEMO_FUNCTION_ENTRY } from '../../resolvers/fields.js';
import type { MemoStore } from '../../resolvers/store/memoStore.js';
import type { LambdaHandler } from './lambdaInvocation.js';
import { lambdaResolver } from './lambdaResolver.js';
import type { RequestContext } from './requestContext.js';

/** What MEMO_FUNCTION_ENTRY exports: its Lambda handler, which a host can bind to a store of its own. */
interface HandlerModule {
  handler?: { withStore?: (store: MemoStore) => LambdaHandler };
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports the memo function's entry (the one infra/ deploys), binds it to `store` (each API of
 * the process to its own) and returns one GraphQL resolver per MEMO_FIELDS field, keyed
 * `Type.field`, each invoking that entry as AppSync invokes the deployed function. Importing it
 * reads nothing from the environment, so the order of imports and of APIs does not matter.
 */
export async function loadLambdaResolvers(api: {
  store: MemoStore;
  region: string;
}): Promise<Map<string, GraphQLFieldResolver<unknown, RequestContext>>> {
  const module = (await import(pathToFileURL(resolve(repositoryRoot, MEMO_FUNCTION_ENTRY)).href)) as HandlerModule;
  if (typeof module.handler?.withStore !== 'function')
    throw new Error(`${MEMO_FUNCTION_ENTRY} does not export a handler made by fieldDispatch (with withStore)`);
  const handler = module.handler.withStore(api.store);
  return new Map(MEMO_FIELDS.map((field) => [`${field.typeName}.${field.fieldName}`, lambdaResolver(field, handler, api.region)]));
}
