import { expect, it } from 'vitest';
import { bundleResolverCode } from '../../infra/resolverCode.js';

const code = bundleResolverCode();

it('bundles the APPSYNC_JS resolver as one ES module exporting request and response', () => {
  expect(code).toMatch(/export\s*\{\s*request,\s*response\s*\}/);
});

it('imports nothing but @aws-appsync/utils, which the AppSync runtime provides', () => {
  const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
  expect(imports).toEqual(['@aws-appsync/utils']);
  expect(code).not.toMatch(/\brequire\(|import\(/);
});

it('stays within the 32 KB AppSync allows for resolver code', () => {
  expect(Buffer.byteLength(code)).toBeLessThan(32 * 1024);
});
