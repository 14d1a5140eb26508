import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientConfig } from '../../../local/http/clientConfig.js';
import { answerWebApp, isWebAppPath } from '../../../local/http/webApp.js';

const clientConfig = {
  graphqlUrl: 'http://127.0.0.1:4000/graphql',
  users: [{ username: 'alice', password: 'secret' }],
} as unknown as ClientConfig;
let root: string;
let dist: string;
const get = (pathname: string, distDir = dist) => answerWebApp('GET', pathname, clientConfig, distDir);
const errorTypeOf = (body: string | Buffer) => (JSON.parse(body.toString()) as { errors: { errorType: string }[] }).errors[0]!.errorType;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'memo-web-'));
  dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the build');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the web app at /app/', () => {
  it('claims /app and everything under /app/, nothing else', () => {
    expect(['/app', '/app/', '/app/assets/x.js'].map(isWebAppPath)).toEqual([true, true, true]);
    expect(['/', '/apps', '/application/x', '/config.json'].map(isWebAppPath)).toEqual([false, false, false, false]);
  });

  it('serves built files with their content type, hashed assets cached for good, same origin only', async () => {
    const asset = await get('/app/assets/index-abc123.js');
    expect(asset).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=UTF-8', 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(asset.headers).toMatchObject({ 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff' });
    expect(Object.keys(asset.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(await get('/app/')).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-cache' },
    });
  });

  it("answers the app's routes with index.html, and a missing file with a 404", async () => {
    expect((await get('/app/memos/123')).body.toString()).toContain('<title>app</title>');
    const missing = await get('/app/assets/gone-123.js');
    expect({ status: missing.status, errorType: errorTypeOf(missing.body) }).toEqual({ status: 404, errorType: 'NotFoundException' });
  });

  it("serves the runtime's own client config at /app/config.json, whatever the build holds", async () => {
    await writeFile(join(dist, 'config.json'), '{"graphqlUrl":"https://deployed.example/graphql"}');
    const answer = await get('/app/config.json');
    expect(JSON.parse(answer.body.toString())).toEqual(clientConfig);
    expect(answer.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    '/app/..%2fsecret.txt',
    '/app/assets/..%2f..%2fsecret.txt',
    '/app/%2e%2e%2fsecret.txt',
    '/app/..%5csecret.txt',
    '/app/assets%2f..%2f..%2fsecret.txt',
    '/app/%00',
    '/app/%E0%A4%A',
  ])('refuses %s (no way out of the build folder)', async (pathname) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).not.toContain('outside the build');
  });

  it('redirects /app to /app/ and refuses writes', async () => {
    expect(await get('/app')).toMatchObject({ status: 308, headers: { location: '/app/' } });
    const post = await answerWebApp('POST', '/app/', clientConfig, dist);
    expect({ status: post.status, errorType: errorTypeOf(post.body), allow: post.headers.allow }).toEqual({
      status: 405,
      errorType: 'MethodNotAllowedException',
      allow: 'GET, HEAD',
    });
  });

  it('says how to build the app when there is no build', async () => {
    const answer = await get('/app/', join(root, 'no-build'));
    expect(answer.status).toBe(404);
    expect(answer.headers['x-amzn-ErrorType']).toBe('NotFoundException');
    expect(answer.body.toString()).toContain('run npm run web:build');
  });
});
