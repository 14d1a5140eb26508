import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The one APPSYNC_JS resolver, in front of every memo Lambda (see its own header). */
export const INVOKE_LAMBDA_RESOLVER = fileURLToPath(new URL('../resolvers/appsync/invokeLambda.ts', import.meta.url));

/**
 * Bundles an APPSYNC_JS resolver into the single ES module AppSync runs. The runtime provides
 * `@aws-appsync/utils` itself and accepts ES2020-level syntax, so that module stays external
 * and the output is left readable (no minify) for the AppSync console.
 *
 * @throws when esbuild cannot bundle the file (syntax or import errors).
 */
export function bundleResolverCode(entry: string = INVOKE_LAMBDA_RESOLVER): string {
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@aws-appsync/utils'],
    logLevel: 'silent',
  });
  return outputFiles[0]!.text;
}
