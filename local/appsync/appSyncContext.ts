import type { Context } from '@aws-appsync/utils';

export interface FieldCall {
  readonly parentTypeName: string;
  readonly fieldName: string;
  readonly args: Record<string, unknown>;
  readonly source?: unknown;
  /** The caller's HTTP headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly variables?: Record<string, unknown>;
  readonly selectionSetList: string[];
  readonly selectionSetGraphQL: string;
  /** The verified caller as AppSync describes it (user pool or IAM identity object). */
  readonly identity: unknown;
}

/**
 * The resolver context AppSync builds for a field: the one factory for the local runtime and the
 * tests, so both hand the resolver code the same shape.
 */
export function buildAppSyncContext(call: FieldCall): Context {
  return {
    arguments: call.args,
    args: call.args,
    identity: call.identity,
    source: call.source ?? null,
    request: { headers: { ...call.headers }, domainName: null },
    info: {
      fieldName: call.fieldName,
      parentTypeName: call.parentTypeName,
      variables: call.variables ?? {},
      selectionSetList: call.selectionSetList,
      selectionSetGraphQL: call.selectionSetGraphQL,
    },
    stash: {},
    prev: undefined,
    result: undefined,
    error: undefined,
  } as unknown as Context;
}
