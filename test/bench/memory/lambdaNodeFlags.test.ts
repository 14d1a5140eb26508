import { describe, expect, it } from 'vitest';
import { lambdaNodeFlags } from '../../../bench/memory/lambdaNodeFlags.js';

describe('lambdaNodeFlags', () => {
  it.each([
    [128, 6, 116],
    [512, 25, 461],
    [1024, 51, 922],
  ])('gives a %i MB function a %i MB semi-space and a %i MB old generation, as the runtime bootstrap does', (memoryMb, semi, old) => {
    expect(lambdaNodeFlags(memoryMb)).toEqual([
      `--max-semi-space-size=${semi}`,
      `--max-old-space-size=${old}`,
      '--max-http-header-size=81920',
    ]);
  });

  it.each([64, 127.5])('refuses %s MB, which Lambda does not offer', (memoryMb) => {
    expect(() => lambdaNodeFlags(memoryMb)).toThrow(RangeError);
  });
});
