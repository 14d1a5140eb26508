/** One line of the verification table. */
export interface CheckRow {
  readonly name: string;
  readonly passed: boolean;
  /** How long the check took, in milliseconds. */
  readonly ms: number;
  /** Why it failed (absent when it passed), or what it did (cleanup). */
  readonly detail?: string;
}

/** A check that did not hold: its message is the row's detail. */
export class CheckFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckFailed';
  }
}

/**
 * Collects rows: each check runs once, timed, and any error it throws becomes a failed row with
 * its message, so one failure never stops the checks after it.
 *
 * @example
 * const rows = new CheckRows();
 * await rows.run('create', async () => { … });
 */
export class CheckRows {
  readonly rows: CheckRow[] = [];

  /** Runs `check`; a string it returns is the row's detail. Never throws. */
  async run(name: string, check: () => Promise<string | void>): Promise<boolean> {
    const started = performance.now();
    try {
      const detail = await check();
      this.rows.push({ name, passed: true, ms: elapsed(started), ...(detail ? { detail } : {}) });
      return true;
    } catch (error) {
      this.rows.push({ name, passed: false, ms: elapsed(started), detail: describeError(error) });
      return false;
    }
  }
}

/** Throws CheckFailed with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

/** An error's message, then those of its causes not already in it (a network failure's reason: ECONNREFUSED, …). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let text = `${error.name === 'CheckFailed' || error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  for (let cause = error.cause, depth = 0; cause instanceof Error && depth < 3; cause = cause.cause, depth += 1) {
    if (!text.includes(cause.message)) text += `: ${cause.message}`;
  }
  return text;
}

/** The rows as a fixed-width table: check, PASS/FAIL, time, detail. */
export function formatTable(rows: readonly CheckRow[]): string {
  const nameWidth = Math.max(5, ...rows.map(({ name }) => name.length));
  const line = (name: string, result: string, time: string, detail: string) =>
    `${name.padEnd(nameWidth)}  ${result.padEnd(6)}  ${time.padStart(8)}  ${detail}`.trimEnd();
  return [
    line('Check', 'Result', 'Time', 'Detail'),
    line('-'.repeat(nameWidth), '------', '--------', '------'),
    ...rows.map(({ name, passed, ms, detail }) => line(name, passed ? 'PASS' : 'FAIL', `${Math.round(ms)} ms`, detail ?? '')),
  ].join('\n');
}

function elapsed(started: number): number {
  return performance.now() - started;
}
