import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

const run = promisify(execFile);
const examplesDir = new URL('examples/', import.meta.url);
const example = (file: string) => readFile(new URL(file, examplesDir), 'utf8');
const doc = (name: string) => readFile(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
/** The fenced blocks of a text: [language, content]. */
const codeBlocksOf = (text: string) => [...text.matchAll(/^```(\w*)\n([^]*?)^```$/gm)].map((match) => [match[1]!, match[2]!] as const);
/** The examples are shown in these two docs: the clients in local-runtime.md, signing in with curl or a script in sign-in.md. */
const exampleDocs = ['local-runtime.md', 'sign-in.md'];
const localApi = useLocalApiProcess();
/** The environment as a reader's shell has it: no user chosen, so the examples sign in as the first user of /config.json. */
const exampleEnv = (): NodeJS.ProcessEnv => {
  const { MEMO_USERNAME: _username, MEMO_PASSWORD: _password, ...env } = process.env;
  return env;
};
const claimsOf = (jwt: string): { sub: string } => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

describe('docs/local-runtime.md and docs/sign-in.md', () => {
  it('show every example file verbatim, once, and no code that is not one of them', async () => {
    const files = await readdir(examplesDir);
    const examples = await Promise.all(files.map(example));
    const texts = await Promise.all(exampleDocs.map(doc));
    const code = texts.flatMap(codeBlocksOf).filter(([language]) => language !== 'text').map(([, content]) => content);
    expect(code.sort()).toEqual(examples.sort());
  });

  it('show the banner npm start prints', async () => {
    const [, banner] = codeBlocksOf(await doc('local-runtime.md')).find(([language]) => language === 'text')!;
    for (const line of banner.trimEnd().split('\n')) {
      const label = /^\s+[A-Za-z][A-Za-z ]*:\s+/.exec(line)?.[0] ?? line; // values (port, key, path) differ
      expect(localApi().output()).toContain(label);
    }
  });

  it('have curl examples that sign in and create a memo as that user', async () => {
    const { stdout: token } = await run('bash', [new URL('signIn.sh', examplesDir).pathname], { env: { ...exampleEnv(), BASE: new URL(localApi().url).origin } });
    const { stdout } = await run('bash', [new URL('createMemo.sh', examplesDir).pathname], { env: { ...exampleEnv(), URL: localApi().url, TOKEN: token.trim() } });
    const alice = await localApi().tokens('alice'); // the first user /config.json lists
    expect(JSON.parse(stdout)).toMatchObject({ data: { createMemo: { title: 'Hello', version: 1, ownerId: claimsOf(alice.idToken).sub } } });
  });

  it.each(['urqlUsage.ts', 'apolloUsage.ts'])('have a client example, %s, that signs in and prints what its comments say', async (file) => {
    const expected = [...(await example(file)).matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
    expect(expected.length).toBeGreaterThan(0);
    const script = new URL(file, examplesDir).pathname;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { env: { ...exampleEnv(), NODE_NO_WARNINGS: '1', URL: localApi().url } });
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
  });

  it('document every setting the runtime reads', async () => {
    const config = await readFile(new URL('../../local/config.ts', import.meta.url), 'utf8');
    const settings = [...config.matchAll(/env\.([A-Z_]+)|integer\(env, '([A-Z_]+)'/g)].map((match) => match[1] ?? match[2]);
    expect(settings.length).toBeGreaterThan(5);
    const localRuntime = await doc('local-runtime.md');
    for (const setting of settings) expect(localRuntime).toContain(`| \`${setting}\` |`);
  });
});
