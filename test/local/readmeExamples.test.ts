import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TEST_IAM } from '../helpers/localCredentials.js';
import { postGraphQL, useLocalApiProcess } from './helpers/localApiProcess.js';

const run = promisify(execFile);
const examplesDir = new URL('examples/', import.meta.url);
const example = (file: string) => readFile(new URL(file, examplesDir), 'utf8');
const doc = (name: string) => readFile(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
/** The fenced blocks of a text: [language, content]. */
const codeBlocksOf = (text: string) => [...text.matchAll(/^```(\w*)\n([^]*?)^```$/gm)].map((match) => [match[1]!, match[2]!] as const);
/** The examples are shown in these two docs: the clients in local-runtime.md, signing in with curl or a script in sign-in.md. */
const exampleDocs = ['local-runtime.md', 'sign-in.md'];
/** deploy.md calls the deployed API; of its code, only the IAM call is run here (the rest needs AWS). */
const DEPLOY_EXAMPLES = ['iamListMemos.sh'];
const localApi = useLocalApiProcess();
/** The environment as a reader's shell has it: no user chosen, so the examples sign in as the first user of /config.json. */
const exampleEnv = (): NodeJS.ProcessEnv => {
  const { MEMO_USERNAME: _username, MEMO_PASSWORD: _password, ...env } = process.env;
  return env;
};
const claimsOf = (jwt: string): { sub: string } => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
/** Runs signIn.sh against the test's runtime as a reader would (URL set, and `env`). */
const signInWithCurl = (env: Record<string, string> = {}) =>
  run('bash', [new URL('signIn.sh', examplesDir).pathname], { env: { ...exampleEnv(), URL: localApi().url, ...env } });

describe('docs/local-runtime.md and docs/sign-in.md', () => {
  it('show every example file verbatim, once, and no code that is not one of them', async () => {
    const files = (await readdir(examplesDir)).filter((file) => !DEPLOY_EXAMPLES.includes(file));
    const examples = await Promise.all(files.map(example));
    const texts = await Promise.all(exampleDocs.map(doc));
    const code = texts
      .flatMap(codeBlocksOf)
      .filter(([language]) => language !== 'text')
      .map(([, content]) => content);
    expect(code.sort()).toEqual(examples.sort());
  });

  it('show the banner npm start prints', async () => {
    const [, banner] = codeBlocksOf(await doc('local-runtime.md')).find(([language]) => language === 'text')!;
    for (const line of banner.trimEnd().split('\n')) {
      const label = /^\s+[A-Za-z][A-Za-z ]*:\s+/.exec(line)?.[0] ?? line; // values (port, key, path) differ
      expect(localApi().output()).toContain(label);
    }
  });

  it('have curl examples that sign in and create a memo as that user, both reading URL', async () => {
    const { stdout: token } = await signInWithCurl();
    const { stdout } = await run('bash', [new URL('createMemo.sh', examplesDir).pathname], {
      env: { ...exampleEnv(), URL: localApi().url, TOKEN: token.trim() },
    });
    const alice = await localApi().tokens('alice'); // the first user /config.json lists
    expect(JSON.parse(stdout)).toMatchObject({
      data: { createMemo: { title: 'Hello', version: 1, ownerId: claimsOf(alice.idToken).sub } },
    });
  });

  it("sign in with curl as another user /config.json lists, with that user's password from there", async () => {
    const { stdout: token } = await signInWithCurl({ MEMO_USERNAME: 'bob' });
    expect(claimsOf(token.trim()).sub).toBe(claimsOf((await localApi().tokens('bob')).idToken).sub);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'a wrong password',
      { MEMO_USERNAME: 'bob', MEMO_PASSWORD: 'Not-bobs-Passw0rd!' },
      'NotAuthorizedException: Incorrect username or password.',
    ],
    [
      'a user /config.json does not list, without MEMO_PASSWORD',
      { MEMO_USERNAME: 'carol' },
      'carol is not a user /config.json lists: set MEMO_PASSWORD',
    ],
  ])('refuse a curl sign-in with %s: the reason on stderr, exit 1, no stack trace', async (_case, env, reason) => {
    const failure = await signInWithCurl(env).then(
      () => expect.fail('signIn.sh succeeded'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }).toEqual({ code: 1, stdout: '', stderr: `${reason}\n` });
  });

  it.each(['urqlUsage.ts', 'apolloUsage.ts'])('have a client example, %s, that signs in and prints what its comments say', async (file) => {
    const expected = [...(await example(file)).matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
    expect(expected.length).toBeGreaterThan(0);
    const script = new URL(file, examplesDir).pathname;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      env: { ...exampleEnv(), NODE_NO_WARNINGS: '1', URL: localApi().url },
    });
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

describe("docs/deploy.md's IAM call (curl --aws-sigv4), run against the runtime, which verifies SigV4", () => {
  const script = new URL('iamListMemos.sh', examplesDir).pathname;
  /** The reader's AWS environment: the runtime's IAM credentials, its region, and the owner to list. */
  const awsEnv = (url: string, credentials: Record<string, string>, ownerId: string): NodeJS.ProcessEnv => {
    const { AWS_SESSION_TOKEN: _token, ...env } = exampleEnv();
    return { ...env, URL: url, AWS_REGION: 'us-east-1', OWNER_ID: ownerId, ...credentials };
  };

  it('is shown verbatim in docs/deploy.md', async () => {
    const code = codeBlocksOf(await doc('deploy.md')).map(([, content]) => content);
    for (const file of DEPLOY_EXAMPLES) expect(code, file).toContain(await example(file));
  });

  it.each<[string, Record<string, string>]>([
    ['AWS_SESSION_TOKEN unset', {}],
    ['AWS_SESSION_TOKEN empty (long-term keys in a shell that exports it empty)', { AWS_SESSION_TOKEN: '' }],
  ])("lists a user's memos with long-term keys and %s", async (_case, token) => {
    const { idToken } = await localApi().tokens('alice');
    const { body } = await postGraphQL(
      localApi().url,
      { query: 'mutation { createMemo(input: {content: "for the back office"}) { memoId } }' },
      { authorization: idToken },
    );
    const credentials = { AWS_ACCESS_KEY_ID: TEST_IAM.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_IAM.secretAccessKey, ...token };
    const { stdout } = await run('bash', [script], { env: awsEnv(localApi().url, credentials, claimsOf(idToken).sub) });
    expect(JSON.parse(stdout).data.listMemos.items).toContainEqual({ memoId: body.data.createMemo.memoId, content: 'for the back office' });
  });

  describe('with temporary credentials (a runtime started with LOCAL_IAM_SESSION_TOKEN)', () => {
    const temporary = {
      AWS_ACCESS_KEY_ID: 'ASIATESTLOCALRUNTIME',
      AWS_SECRET_ACCESS_KEY: TEST_IAM.secretAccessKey,
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLEtemporaryToken',
    };
    const temporaryApi = useLocalApiProcess({
      LOCAL_IAM_ACCESS_KEY_ID: temporary.AWS_ACCESS_KEY_ID,
      LOCAL_IAM_SECRET_ACCESS_KEY: temporary.AWS_SECRET_ACCESS_KEY,
      LOCAL_IAM_SESSION_TOKEN: temporary.AWS_SESSION_TOKEN,
    });
    const ownerId = async () => claimsOf((await temporaryApi().tokens('alice')).idToken).sub;

    it('sends and signs the session token: the call is accepted', async () => {
      const { stdout } = await run('bash', [script], { env: awsEnv(temporaryApi().url, temporary, await ownerId()) });
      expect(JSON.parse(stdout)).toEqual({ data: { listMemos: { items: [] } } });
    });

    it('without the session token, the same keys are refused (401 UnauthorizedException), as AWS refuses them', async () => {
      const { AWS_SESSION_TOKEN: _token, ...keysOnly } = temporary;
      const { stdout } = await run('bash', [script], { env: awsEnv(temporaryApi().url, keysOnly, await ownerId()) });
      expect(JSON.parse(stdout)).toEqual({
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
      });
    });
  });
});
