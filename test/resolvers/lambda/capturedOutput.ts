import { vi } from 'vitest';

/** One JSON line a handler wrote: a Powertools log line, or an EMF document (it has `_aws`). */
export type OutputLine = Record<string, unknown>;

/** An embedded-metric-format document as Powertools Metrics writes it. */
export interface EmfDocument extends OutputLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
}

/**
 * Collects what is written to stdout and stderr while `work` runs (Powertools writes there, as on
 * Lambda, through its own console), instead of printing it; returns every line and the JSON ones.
 */
export async function captureOutput(work: () => Promise<unknown>): Promise<{ text: string; lines: OutputLine[] }> {
  const written: string[] = [];
  const keep = (chunk: unknown) => (written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()), true);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    await work();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const text = written.join('');
  return { text, lines: jsonLines(text) };
}

/** The JSON objects among `text`'s lines. */
export function jsonLines(text: string): OutputLine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as OutputLine);
}

export function isEmf(line: OutputLine): line is EmfDocument {
  return typeof line._aws === 'object' && line._aws !== null;
}

/** The log lines (not metrics) among `lines`. */
export const logLinesOf = (lines: readonly OutputLine[]): OutputLine[] => lines.filter((line) => !isEmf(line));

/** The EMF documents among `lines` that publish `metricName`. */
export function emfDocumentsOf(lines: readonly OutputLine[], metricName: string): EmfDocument[] {
  return lines
    .filter(isEmf)
    .filter((doc) => doc._aws.CloudWatchMetrics.some(({ Metrics }) => Metrics.some(({ Name }) => Name === metricName)));
}
