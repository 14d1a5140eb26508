import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

const run = promisify(execFile);
const readme = () => readFile(new URL('../../README.md', import.meta.url), 'utf8');
const localApi = useLocalApiProcess();

describe('README "Run it locally"', () => {
  it.each(['createMemo.sh', 'urqlClient.ts', 'apolloClient.ts'])('shows examples/%s verbatim', async (file) => {
    const example = await readFile(new URL(`examples/${file}`, import.meta.url), 'utf8');
    expect(await readme()).toContain(example);
  });

  it('has a curl example that creates a memo', async () => {
    const script = new URL('examples/createMemo.sh', import.meta.url).pathname;
    const { stdout } = await run('bash', [script], { env: { ...process.env, URL: localApi().url, API_KEY: localApi().apiKey } });
    expect(JSON.parse(stdout)).toMatchObject({ data: { createMemo: { title: 'Hello', version: 1 } } });
  });

  it('documents every setting the runtime reads', async () => {
    const config = await readFile(new URL('../../local/config.ts', import.meta.url), 'utf8');
    const settings = [...config.matchAll(/env\.([A-Z_]+)|integer\(env, '([A-Z_]+)'/g)].map((match) => match[1] ?? match[2]);
    expect(settings.length).toBeGreaterThan(5);
    const section = (await readme()).split('## Run it locally')[1]!;
    for (const setting of settings) expect(section).toContain(`| \`${setting}\` |`);
  });
});
