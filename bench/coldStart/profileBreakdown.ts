import { basename } from 'node:path';
import { round } from '../stats.js';

/** The parts of a V8 CPU profile (`node --cpu-prof`) that this breakdown reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: Frame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a cold start's CPU time went, in milliseconds per phase. */
export type PhaseTimes = Record<Phase, number>;

export const PHASES = [
  'node start-up',
  'compile the code',
  'load Node built-ins',
  'run the top level',
  'first invocation',
  'garbage collection',
  'other',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Sorts every sample of a cold start's profile into a phase by its call stack: compiling the
 * bundle's source; compiling and wrapping Node's built-in modules (`node:https`, `node:crypto`,
 * the ESM facades that list their exports); running the bundle's top level (module bodies,
 * building the client); the first invocation (handler, SDK middleware, HTTP, response); garbage
 * collection; and Node's own start-up. `codeFile` is the bundle (or runner script) measured.
 */
export function profileBreakdown(profile: CpuProfile, codeFile: string): PhaseTimes {
  const file = basename(codeFile);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const phaseOf = new Map<number, Phase>();
  const times = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as PhaseTimes;
  profile.samples.forEach((id, index) => {
    let phase = phaseOf.get(id);
    if (!phase) {
      phase = classify(stackOf(id, byId, parentOf), file);
      phaseOf.set(id, phase);
    }
    times[phase] += (profile.timeDeltas[index] ?? 0) / 1000;
  });
  for (const phase of PHASES) times[phase] = round(times[phase], 2);
  return times;
}

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Frames from the root down to the sampled one. */
function stackOf(id: number, byId: Map<number, CpuProfile['nodes'][number]>, parentOf: Map<number, number>): Frame[] {
  const frames: Frame[] = [];
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    frames.push(byId.get(current)!.callFrame);
  }
  return frames.reverse();
}

function classify(stack: readonly Frame[], file: string): Phase {
  const leaf = stack[stack.length - 1]!;
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  const has = (...names: string[]) => stack.some((frame) => names.includes(frame.functionName));
  if (has('compileSourceTextModule', 'wrapSafe', 'compileFunctionForCJSLoader')) return 'compile the code';
  if (has('compileForInternalLoader', 'getESMFacade', 'builtinStrategy', 'loadBuiltinModule')) return 'load Node built-ins';
  // The floor's request (firstResponseRunner.mjs) has no bundle: its work is all first invocation.
  if (has('floor')) return 'first invocation';
  const code = stack.find((frame) => frame.url.endsWith(`/${file}`));
  // A module's top level is the anonymous function at line 0; anything else in it is called later.
  if (code) return code.functionName === '' && code.lineNumber === 0 ? 'run the top level' : 'first invocation';
  if (has('processTicksAndRejections', 'listOnTimeout') || stack.some((frame) => /^node:(?:_?http|net|dns)/.test(frame.url)))
    return 'first invocation';
  if (leaf.functionName === '(program)' || leaf.functionName === '(idle)' || stack.length <= 2) return 'other';
  return 'node start-up';
}
