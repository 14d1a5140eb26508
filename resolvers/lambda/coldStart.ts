let invoked = false;

/**
 * Whether this invocation is the first of this process, i.e. the one that waited for the Lambda
 * execution environment to start: true exactly once per process. Per process, not per field, so
 * it stays right if several fields ever share one function. An environment Lambda initialised
 * ahead of demand (provisioned concurrency, AWS_LAMBDA_INITIALIZATION_TYPE) kept no request waiting.
 * The local runtime serves every field from one process: its first request is its one cold start.
 */
export function takeColdStart(): boolean {
  if (invoked) return false;
  invoked = true;
  return process.env.AWS_LAMBDA_INITIALIZATION_TYPE !== 'provisioned-concurrency';
}
