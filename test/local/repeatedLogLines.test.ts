import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { collapseRepeatedLogLines } from '../../local/repeatedLogLines.js';

/** A real stream that keeps what reaches it, and a clock the test moves. */
function harness(windowMs = 5_000) {
  const written: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (written.push(chunk.toString()), done()) });
  let clock = 0;
  const restore = collapseRepeatedLogLines(stream, { windowMs, now: () => clock });
  return { stream, written, advance: (ms: number) => (clock += ms), restore };
}

const storeDown = (requestId: string) =>
  `${JSON.stringify({ level: 'ERROR', message: 'unexpected failure', timestamp: `2026-12-05T10:00:00.000Z`, requestId, error: { name: 'TimeoutError', message: 'Connection timed out after 1000 ms' } })}\n`;

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe('collapsing repeated log lines (issue 17, defect 7: 5,950 ERROR lines in 14 s)', () => {
  it('prints the first of a run of the same failure, then one line with the count', () => {
    const h = harness();
    restore = h.restore;
    for (let request = 0; request < 5_950; request++) {
      h.stream.write(storeDown(`request-${request}`));
      h.advance(2); // 5,950 lines in 11.9 s: three windows of 5 s
    }
    h.restore();
    restore = undefined;
    const errorLines = h.written.filter((line) => line.startsWith('{'));
    expect(errorLines).toHaveLength(3);
    const counts = h.written
      .filter((line) => line.startsWith('(the line above'))
      .map((line) => Number(/came (\d+) more times/.exec(line)![1]));
    expect(counts.reduce((sum, count) => sum + count, 0) + errorLines.length).toBe(5_950);
  });

  it('prints every line that says something else, and never holds back other output', () => {
    const h = harness();
    restore = h.restore;
    h.stream.write(storeDown('a'));
    h.stream.write(storeDown('b'));
    h.stream.write('Memo API is running\n');
    h.stream.write(
      `${JSON.stringify({ level: 'ERROR', message: 'unexpected failure', error: { name: 'ValidationException', message: 'other' } })}\n`,
    );
    h.stream.write(`${JSON.stringify({ level: 'INFO', message: 'resolved', requestId: 'c' })}\n`);
    h.stream.write(`${JSON.stringify({ level: 'INFO', message: 'resolved', requestId: 'd' })}\n`);
    expect(h.written).toEqual([
      storeDown('a'),
      '(the line above came once more within 0.0 s)\n',
      'Memo API is running\n',
      expect.stringContaining('ValidationException'),
      expect.stringContaining('"resolved"'),
      expect.stringContaining('"resolved"'), // one line per request, as asked for: INFO is never collapsed
    ]);
  });

  it('prints the same line again once the window is over', () => {
    const h = harness(1_000);
    restore = h.restore;
    h.stream.write(storeDown('a'));
    h.advance(1_000);
    h.stream.write(storeDown('b'));
    expect(h.written).toEqual([storeDown('a'), storeDown('b')]);
  });
});
