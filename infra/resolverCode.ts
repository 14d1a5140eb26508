import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SUBSCRIPTION_FIELDS } from '../resolvers/fields.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The APPSYNC_JS resolver in front of every memo Lambda (see its own header). */
export const INVOKE_LAMBDA_RESOLVER = `${REPO_ROOT}resolvers/appsync/invokeLambda.ts`;

/** Every APPSYNC_JS resolver file the stack deploys: the Lambda one and the subscription filter(s). */
export const APPSYNC_JS_RESOLVERS: readonly string[] = [
  INVOKE_LAMBDA_RESOLVER,
  ...new Set(SUBSCRIPTION_FIELDS.map((field) => `${REPO_ROOT}${field.code}`)),
];

/** AppSync's limit on a resolver's code (32 KB). */
export const MAX_RESOLVER_CODE_BYTES = 32 * 1024;

/** The one module the AppSync JS runtime provides. */
const RUNTIME_MODULE = '@aws-appsync/utils';

/**
 * Bundles an APPSYNC_JS resolver into the single ES module AppSync runs, and checks it is one
 * AppSync accepts. The runtime provides `@aws-appsync/utils` itself and accepts ES2020-level
 * syntax, so that module stays external and the output is left readable (no minify) for the
 * AppSync console.
 *
 * @example
 * appsync.Code.fromInline(bundleResolverCode(`${REPO_ROOT}${field.code}`))
 * @throws when esbuild cannot bundle the file (syntax or import errors), or the result would not
 * run on AppSync: not exporting both `request` and `response`, importing anything but
 * `@aws-appsync/utils`, or larger than 32 KB.
 */
export function bundleResolverCode(entry: string = INVOKE_LAMBDA_RESOLVER): string {
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: [RUNTIME_MODULE],
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.text;
  const problem = resolverCodeProblem(code);
  if (problem) throw new Error(`${entry}: ${problem}`);
  return code;
}

/** Why AppSync would reject (or fail to run) bundled resolver code, or undefined when it is fine. */
export function resolverCodeProblem(code: string): string | undefined {
  const exported =
    code
      .match(/^export\s*\{([^}]*)\}/m)?.[1]
      ?.split(',')
      .map((name) => name.trim()) ?? [];
  if (!exported.includes('request') || !exported.includes('response')) return 'does not export both request and response';
  const imported = [...code.matchAll(/^import\b[^;]*?from\s*"([^"]+)";?$/gm)].map((match) => match[1]);
  const foreign = imported.filter((module) => module !== RUNTIME_MODULE);
  if (foreign.length > 0) return `imports ${foreign.join(', ')}; the AppSync runtime provides only ${RUNTIME_MODULE}`;
  if (/\brequire\(|\bimport\(/.test(code)) return 'loads modules at run time (require or import()), which AppSync cannot';
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_RESOLVER_CODE_BYTES) return `is ${bytes} bytes; AppSync allows at most ${MAX_RESOLVER_CODE_BYTES}`;
  return undefined;
}
