import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APPSYNC_JS_RESOLVERS,
  INVOKE_LAMBDA_RESOLVER,
  MAX_RESOLVER_CODE_BYTES,
  bundleResolverCode,
  resolverCodeProblem,
} from '../../infra/resolverCode.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('deploys the Lambda resolver and the subscription owner filter, each once', () => {
  expect(APPSYNC_JS_RESOLVERS.map((file) => relative(REPO_ROOT, file)).sort()).toEqual([
    'resolvers/appsync/invokeLambda.ts',
    'resolvers/appsync/ownerSubscriptionFilter.ts',
  ]);
  expect(bundleResolverCode()).toBe(bundleResolverCode(INVOKE_LAMBDA_RESOLVER));
});

describe.each(APPSYNC_JS_RESOLVERS.map((file) => [relative(REPO_ROOT, file), file] as const))('%s', (_name, file) => {
  const code = bundleResolverCode(file);

  it('bundles as one ES module exporting request and response', () => {
    expect(code).toMatch(/export\s*\{\s*request,\s*response\s*\}/);
  });

  it('imports nothing but @aws-appsync/utils, which the AppSync runtime provides', () => {
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports).toEqual(['@aws-appsync/utils']);
    expect(code).not.toMatch(/\brequire\(|import\(/);
  });

  it('stays within the 32 KB AppSync allows for resolver code', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(32 * 1024);
  });
});

describe('resolverCodeProblem', () => {
  const valid =
    'import { util } from "@aws-appsync/utils";\nfunction request() {}\nfunction response() {}\nexport {\n  request,\n  response\n};\n';

  it.each([
    ['no response export', valid.replace(',\n  response', ''), /request and response/],
    ['another import', `import { v4 } from "uuid";\n${valid}`, /imports uuid/],
    ['a dynamic import', `${valid}await import("x");\n`, /at run time/],
    ['over 32 KB', `${valid}// ${'x'.repeat(MAX_RESOLVER_CODE_BYTES)}\n`, /bytes/],
  ])('rejects code with %s', (_case, code, message) => {
    expect(resolverCodeProblem(code)).toMatch(message);
  });

  it('accepts a module that exports request and response and imports only the runtime', () => {
    expect(resolverCodeProblem(valid)).toBeUndefined();
  });

  it('makes bundleResolverCode throw, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'resolver-code-'));
    try {
      const entry = join(dir, 'requestOnly.ts');
      writeFileSync(entry, 'export function request() { return {}; }\n');
      expect(() => bundleResolverCode(entry)).toThrow(`${entry}: does not export both request and response`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
