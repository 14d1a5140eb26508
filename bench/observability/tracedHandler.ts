import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

/**
 * The one Tracer of the bench's "with Tracer" variant, built at module scope as Powertools'
 * docs build it, its service name from POWERTOOLS_SERVICE_NAME (the function's template variables,
 * which the bench passes). Off unless AWS_EXECUTION_ENV is set (Lambda sets it; the bench sets it too).
 */
export const tracer = new Tracer();

/**
 * `handle` traced per invocation, as Powertools' manual instrumentation does (what
 * `captureLambdaHandler` does without a decorator or middy): a `## <_HANDLER>` subsegment under
 * Lambda's facade segment, annotated with ColdStart and Service, an error as metadata, closed
 * (and so sent to the X-Ray daemon over UDP) before the result returns. The response is not
 * added as metadata: it holds memo content, which must not leave the function.
 */
export function traced<TEvent, TResult>(
  handle: (event: TEvent, context?: Context) => Promise<TResult>,
): (event: TEvent, context?: Context) => Promise<TResult> {
  return async (event, context) => {
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handle(event, context);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
    }
  };
}
