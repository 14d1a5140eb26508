import { describe, expect, it } from 'vitest';
import { PHASES, profileBreakdown, type CpuProfile } from '../../../bench/coldStart/profileBreakdown.js';

const BUNDLE = '/tmp/asset.abc/index.mjs';

/** A profile whose samples sit on the given stacks (root first), `ms` each. */
function profileOf(stacks: { frames: [name: string, url: string, line?: number][]; ms: number }[]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [] }];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const { frames, ms } of stacks) {
    let parent = nodes[0]!;
    for (const [functionName, url, lineNumber = 5] of frames) {
      const node = { id: nodes.length + 1, callFrame: { functionName, url, lineNumber }, children: [] as number[] };
      nodes.push(node);
      parent.children!.push(node.id);
      parent = node;
    }
    samples.push(parent.id);
    timeDeltas.push(ms * 1000);
  }
  return { nodes, samples, timeDeltas };
}

describe('profileBreakdown', () => {
  it('puts each sample in the phase its stack belongs to, in ms', () => {
    const phases = profileBreakdown(
      profileOf([
        {
          frames: [
            ['loadAndTranslate', 'node:internal/modules/esm/loader'],
            ['compileSourceTextModule', 'node:internal/modules/esm/utils'],
          ],
          ms: 4,
        },
        {
          frames: [
            ['builtinStrategy', 'node:internal/modules/esm/translators'],
            ['compileForInternalLoader', 'node:internal/bootstrap/realm'],
          ],
          ms: 3,
        },
        {
          frames: [
            ['run', 'node:internal/modules/esm/module_job'],
            ['', `file://${BUNDLE}`, 0],
            ['DynamoDBClient', `file://${BUNDLE}`],
          ],
          ms: 2,
        },
        {
          frames: [
            ['processTicksAndRejections', 'node:internal/process/task_queues'],
            ['send', `file://${BUNDLE}`],
          ],
          ms: 5,
        },
        { frames: [['request', 'node:http']], ms: 1 },
        { frames: [['(garbage collector)', '']], ms: 0.5 },
        {
          frames: [
            ['prepareMainThreadExecution', 'node:internal/process/pre_execution'],
            ['patchProcessObject', 'node:internal/process/pre_execution'],
          ],
          ms: 1.5,
        },
      ]),
      BUNDLE,
    );
    expect(phases).toEqual({
      'node start-up': 1.5,
      'compile the code': 4,
      'load Node built-ins': 3,
      'run the top level': 2,
      'first invocation': 6,
      'garbage collection': 0.5,
      other: 0,
    });
    expect(Object.keys(phases)).toEqual([...PHASES]);
  });

  it("counts the floor runner's request as first invocation", () => {
    const runner = '/repo/bench/coldStart/firstResponseRunner.mjs';
    const phases = profileBreakdown(
      profileOf([
        {
          frames: [
            ['', `file://${runner}`, 0],
            ['floor', `file://${runner}`],
          ],
          ms: 2,
        },
      ]),
      runner,
    );
    expect(phases['first invocation']).toBe(2);
    expect(phases['run the top level']).toBe(0);
  });
});
