/**
 * How `npm start` stops: the first SIGINT/SIGTERM/SIGHUP starts one clean shutdown; any later
 * signal is ignored until it ends. A terminal's Ctrl-C reaches npm and the runtime alike, and
 * npm then forwards the signal to the runtime again: a handler that listened once was killed by
 * that second copy mid-shutdown (9 stops in 27 skipped it). The shutdown has a deadline instead.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopOptions {
  /** Closes whatever is running (resolves once it is closed); called once. */
  readonly close: () => Promise<void>;
  /** After this long the process exits anyway (status 1), saying so. */
  readonly deadlineMs: number;
  readonly log?: (line: string) => void;
  readonly exit?: (code: number) => void;
}

/** Installs the handlers; returns a function that removes them (for tests). */
export function stopOnSignals({ close, deadlineMs, log = console.log, exit = (code) => process.exit(code) }: StopOptions): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return; // npm's forwarded copy, or an impatient second Ctrl-C: the deadline bounds the wait
    stopping = true;
    log(`${signal}: finishing in-flight requests and closing the store…`);
    const deadline = setTimeout(() => {
      log(`Shutdown did not finish within ${deadlineMs / 1000} s: stopping anyway.`);
      exit(1);
    }, deadlineMs);
    deadline.unref();
    close().then(
      () => {
        clearTimeout(deadline);
        log('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
}
