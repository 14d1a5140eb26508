import type { AppSyncResolverEvent, Context } from 'aws-lambda';

/** What ties one handler log line to the request it served, and nothing the caller sent besides. */
export interface CorrelationKeys {
  /** `Type.field`, e.g. `Query.memo`. */
  readonly field: string;
  /** Lambda's id of this invocation: the RequestId of Lambda's own START/END/REPORT lines. */
  readonly requestId?: string;
  /**
   * The X-Ray trace header AppSync forwards in `request.headers` (Powertools' correlation path for
   * AppSync resolvers). With X-Ray on, its Root is the trace of the whole GraphQL request.
   */
  readonly traceId?: string;
  /** AppSync's request id, when a header carries it: AppSync documents it as a response header only. */
  readonly appSyncRequestId?: string;
}

/** Header values kept: ids and trace headers only ever use these characters; anything else is not an id. */
const ID_VALUE = /^[\w.:;=/+-]{1,256}$/;

/**
 * The correlation keys of one invocation, from AppSync's event and Lambda's context. Reads two
 * named headers and no others: the rest may carry credentials (the JS resolver already drops
 * Authorization and the API key, but a handler does not rely on it).
 */
export function correlationKeys(event: AppSyncResolverEvent<unknown>, context: Context | undefined): CorrelationKeys {
  const headers = event.request?.headers ?? {};
  return {
    field: `${event.info.parentTypeName}.${event.info.fieldName}`,
    requestId: context?.awsRequestId,
    traceId: idHeader(headers, 'x-amzn-trace-id'),
    appSyncRequestId: idHeader(headers, 'x-amzn-requestid'),
  };
}

function idHeader(headers: Record<string, string | undefined>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && ID_VALUE.test(value) ? value : undefined;
}
