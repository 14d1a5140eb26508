/**
 * Keeps the terminal readable while something fails over and over (a store that is down makes
 * every request log the same ERROR line: thousands in seconds). A line that says what the last
 * printed line said (same level, message and error, whatever its request id or time; WARN and
 * above only) within
 * `windowMs` of it is counted instead of printed; the count is printed as one line when the run
 * ends or the window is over. Only `npm start` installs it: on Lambda every line goes to CloudWatch.
 */
export interface RepeatOptions {
  readonly windowMs: number;
  readonly now?: () => number;
}

const COLLAPSED_LEVELS = new Set(['WARN', 'ERROR', 'CRITICAL']);

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

/** Wraps the stream's write; returns a function that flushes the pending count and unwraps it. */
export function collapseRepeatedLogLines(stream: NodeJS.WritableStream, { windowMs, now = Date.now }: RepeatOptions): () => void {
  const write = stream.write.bind(stream) as Write;
  let last: { key: string; printedAt: number; repeats: number } | undefined;
  const flush = () => {
    if (last && last.repeats > 0)
      write(
        `(the line above ${last.repeats === 1 ? 'came once more' : `came ${last.repeats} more times`} within ${((now() - last.printedAt) / 1000).toFixed(1)} s)\n`,
      );
    last = undefined;
  };
  const timer = setInterval(() => last && now() - last.printedAt >= windowMs && flush(), Math.max(50, windowMs / 4));
  timer.unref();
  (stream as { write: Write }).write = (chunk, ...rest) => {
    const key = typeof chunk === 'string' ? logKey(chunk) : undefined;
    if (key === undefined) {
      flush();
      return write(chunk, ...rest);
    }
    if (last?.key === key && now() - last.printedAt < windowMs) {
      last.repeats += 1;
      return true;
    }
    flush();
    last = { key, printedAt: now(), repeats: 0 };
    return write(chunk, ...rest);
  };
  return () => {
    clearInterval(timer);
    flush();
    (stream as { write: Write }).write = write;
  };
}

/** What a structured (JSON) log line says, without what differs per request; undefined for other text. */
function logKey(chunk: string): string | undefined {
  if (!chunk.startsWith('{')) return undefined;
  try {
    const { level, message, error } = JSON.parse(chunk) as {
      level?: unknown;
      message?: unknown;
      error?: { name?: unknown; message?: unknown };
    };
    // Lines asked for (INFO and below: one per request) are never held back; failures are the flood.
    if (typeof level !== 'string' || typeof message !== 'string' || !COLLAPSED_LEVELS.has(level)) return undefined;
    return JSON.stringify([level, message, error?.name, error?.message]);
  } catch {
    return undefined;
  }
}
