import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { fromItem, memoMatcher, searchFilter, toItem, type MemoRecord } from '../resolverSeam.js';
import { round } from '../stats.js';

/** The Lambda's CPU per memo a search reads, on one core of this machine (ms), measured in-process without I/O. */
export interface HandlerCpu {
  /** memoMatcher alone, a word no memo holds (every memo tested to the end). */
  matchingMsPerMemo: number;
  /**
   * All the handler does per memo read: the Query response's JSON parsed, the item unmarshalled
   * (the SDK's work, which runs in the Lambda too), fromItem, memoMatcher.
   */
  perMemoMs: number;
}

/**
 * The handler's CPU per memo over `memos`, each figure the median of 5 passes' CPU time after 2
 * unmeasured ones (the JIT settled). Unlike the search rows' handler share (wall time between requests,
 * which a busy machine inflates), this is CPU work alone, so the latency model can scale it to a
 * Lambda size.
 */
export function handlerCpu(memos: readonly MemoRecord[], absentWord: string): HandlerCpu {
  const matches = memoMatcher(searchFilter(absentWord));
  const body = JSON.stringify({ Items: memos.map((memo) => marshall(toItem(memo), { removeUndefinedValues: true })) });
  let found = 0;
  const matchingMs = medianPass(() => {
    for (const memo of memos) if (matches(memo)) found++;
  });
  const perMemoMs = medianPass(() => {
    const { Items } = JSON.parse(body) as { Items: Parameters<typeof unmarshall>[0][] };
    for (const item of Items) if (matches(fromItem(unmarshall(item)))) found++;
  });
  if (found > 0) throw new Error(`${absentWord} matched ${found} memos`);
  const per = (ms: number) => round(ms / Math.max(1, memos.length), 5);
  return { matchingMsPerMemo: per(matchingMs), perMemoMs: per(perMemoMs) };
}

/** The median pass's CPU time (user + system), ms: a busy machine slows the wall clock, not the work. */
function medianPass(pass: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = process.cpuUsage();
    pass();
    const { user, system } = process.cpuUsage(started);
    if (i >= 2) times.push((user + system) / 1000);
  }
  return times.sort((a, b) => a - b)[2]!;
}
