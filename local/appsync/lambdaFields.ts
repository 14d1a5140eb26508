import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GraphQLFieldResolver } from 'graphql';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import type { MemoStore } from '../../resolvers/store/memoStore.js';
import type { LambdaHandler } from './lambdaInvocation.js';
import { lambdaResolver } from './lambdaResolver.js';
import type { RequestContext } from './requestContext.js';

/** What a MEMO_FIELDS entry exports: its Lambda handler, which a host can bind to a store of its own. */
interface HandlerModule {
  handler?: { withStore?: (store: MemoStore) => LambdaHandler };
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports every MEMO_FIELDS handler, binds it to `store` (each API of the process to its own) and
 * returns one GraphQL resolver per field, keyed `Type.field`. Importing a handler reads nothing
 * from the environment, so the order of imports and of APIs does not matter.
 */
export async function loadLambdaResolvers(api: {
  store: MemoStore;
  region: string;
}): Promise<Map<string, GraphQLFieldResolver<unknown, RequestContext>>> {
  const resolvers = new Map<string, GraphQLFieldResolver<unknown, RequestContext>>();
  for (const field of MEMO_FIELDS) {
    const module = (await import(pathToFileURL(resolve(repositoryRoot, field.entry)).href)) as HandlerModule;
    if (typeof module.handler?.withStore !== 'function')
      throw new Error(`${field.entry} does not export a handler made by appSyncHandler (with withStore)`);
    resolvers.set(`${field.typeName}.${field.fieldName}`, lambdaResolver(field, module.handler.withStore(api.store), api.region));
  }
  return resolvers;
}
