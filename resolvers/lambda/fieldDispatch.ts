import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import type { MemoStore } from '../store/memoStore.js';
import { appSyncHandler, type BindableHandler, type MemoLambdaHandler } from './appSyncHandler.js';

/** Each field's handler (made by appSyncHandler), keyed `Type.field` as AppSync's event names it. */
export type FieldHandlers = Readonly<Record<string, BindableHandler<never, unknown>>>;

/**
 * One Lambda handler serving several fields: it passes each event to the handler of
 * `event.info.parentTypeName.fieldName`, which logs, measures and answers as it would alone.
 * A field with no handler here (a resolver wired to the wrong data source) fails closed: it is
 * answered as an InternalError and logged at ERROR, and no field's code runs.
 */
export function fieldDispatch(handlers: FieldHandlers): BindableHandler<unknown, unknown> {
  const unserved = appSyncHandler<unknown, never>('unserved', (_args, { event }) => {
    throw new Error(`${fieldKey(event)} is not served by this function`);
  });
  const dispatchOn =
    (handlerOf: (key: string) => MemoLambdaHandler<never, unknown> | undefined, fallback: MemoLambdaHandler<unknown, never>) =>
    (event: AppSyncResolverEvent<unknown>, context?: Context) => {
      const key = fieldKey(event);
      // Own keys only: a field named like an Object.prototype member must not reach one.
      const serve = Object.hasOwn(handlers, key) ? handlerOf(key) : undefined;
      return serve ? serve(event as AppSyncResolverEvent<never>, context) : fallback(event, context);
    };
  return Object.assign(
    dispatchOn((key) => handlers[key], unserved),
    {
      withStore(store: MemoStore) {
        const bound = new Map(Object.entries(handlers).map(([key, handler]) => [key, handler.withStore(store)]));
        return dispatchOn((key) => bound.get(key), unserved.withStore(store));
      },
    },
  );
}

function fieldKey(event: AppSyncResolverEvent<unknown>): string {
  return `${event.info?.parentTypeName}.${event.info?.fieldName}`;
}
