/**
 * The V8 heap limits the Lambda Node.js runtime starts `node` with for a function of `memoryMb`:
 * a tenth of the memory for the young generation (split into two semi-spaces), the rest for the
 * old generation. V8's defaults on a developer machine are far larger (16 MB semi-spaces, an old
 * generation of gigabytes), and the young generation alone moves RSS by tens of MB, so a memory
 * figure means something for a Lambda size only under that size's limits.
 *
 * Source: /var/runtime/bootstrap of the public Lambda base image for Node.js (public.ecr.aws/lambda/nodejs:18,
 * https://github.com/aws/aws-lambda-base-images), which computes
 * `new_space=$((M / 10)); semi_space=$((new_space / 2)); old_space=$((M - new_space))` in integer
 * arithmetic and passes `--max-semi-space-size`, `--max-old-space-size` and
 * `--max-http-header-size 81920`. Not re-checked for the nodejs24.x image infra deploys.
 *
 * @example
 * lambdaNodeFlags(128); // ['--max-semi-space-size=6', '--max-old-space-size=116', '--max-http-header-size=81920']
 */
export function lambdaNodeFlags(memoryMb: number): string[] {
  if (!Number.isInteger(memoryMb) || memoryMb < 128)
    throw new RangeError(`a Lambda memory size is a whole number of MB from 128, not ${memoryMb}`);
  const newSpace = Math.floor(memoryMb / 10);
  return [
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
    '--max-http-header-size=81920',
  ];
}
