import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/**
 * What Lambda adds to a function's environment that Powertools and the X-Ray SDK read, on top of
 * the function's own variables (`functionEnv`): the function name (Metrics publish when it is
 * set), the INFO log level as deployed, the execution environment (Tracer turns itself off
 * without it), the task root (the X-Ray SDK's Lambda mode: a facade segment from
 * _X_AMZN_TRACE_ID, each closed subsegment sent on its own), a sampled trace header as active
 * tracing sets it, and the daemon address, here the bench's listener. On Lambda the daemon is a
 * UDP send, fire-and-forget; missing context is ignored, as Powertools sets by default.
 */
export function lambdaTraceEnv(functionEnv: Record<string, string>, taskRoot: string, daemonPort: number): Record<string, string> {
  return {
    ...functionEnv,
    AWS_LAMBDA_FUNCTION_NAME: 'memo-api-bench-memoFunction',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: taskRoot,
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
  };
}

export interface TraceListener {
  port: number;
  /** The segment documents received so far (the daemon protocol's JSON header line stripped). */
  documents(): string[];
  close(): Promise<void>;
}

/** A stand-in X-Ray daemon on a free UDP port of 127.0.0.1: it keeps what it receives, to prove Tracer was on. */
export function listenForTraces(): Promise<TraceListener> {
  const socket = createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (message) => received.push(message.toString('utf8').split('\n').slice(1).join('\n')));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () =>
      resolve({
        port: socket.address().port,
        documents: () => [...received],
        close: () => new Promise<void>((done) => socket.close(() => done())),
      }),
    );
  });
}
