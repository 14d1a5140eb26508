import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin that bundles `swaps[file]` wherever the bundle imports `file` (absolute
 * `.ts` paths; relative imports spelt with `.js`, as this repository writes them), except inside
 * the stand-in itself, which may wrap the original. esbuild's `alias` only maps package names,
 * hence a plugin. The build fails if a swapped module was never imported: a renamed module
 * must not leave a variant silently measuring the original.
 */
export function moduleSwap(swaps: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'bench-module-swap',
    setup(build) {
      const swapped = new Set<string>();
      build.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir, importer }) => {
        const file = resolve(resolveDir, path).replace(/\.js$/, '.ts');
        const standIn = swaps[file];
        if (standIn === undefined || importer === standIn) return undefined;
        swapped.add(file);
        return { path: standIn };
      });
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        const missed = Object.keys(swaps).filter((file) => !swapped.has(file));
        if (missed.length > 0) return { errors: [{ text: `swapped modules never imported: ${missed.join(', ')}` }] };
        return undefined;
      });
    },
  };
}
