import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminDeleteUserCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { createMemoClient, iamAuth, ListMemosDocument, parseMemoClientConfig } from '@memo-api/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../infra/verify/verifyCommand.js';
import { verifyDeployment, type VerifyReport } from '../../infra/verify/verifyDeployment.js';
import { startLocalApi, type LocalApi } from '../../local/server.js';

// `npm run verify` against the local runtime (`npm start` in the test suite): the same checks and
// admin calls as against a deployed stack, with the runtime's IAM credentials as the operator's.
let api: LocalApi;
let configUrl: string;
let workDir: string;
const timings = { quietMs: 500 };

beforeAll(async () => {
  api = await startLocalApi();
  configUrl = new URL('/config.json', api.url).href;
  workDir = await mkdtemp(join(tmpdir(), 'memo-verify-'));
});
afterAll(async () => {
  await api?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const EVERY_CHECK = [
  'two throw-away users: admin-create, sign in',
  'create',
  'read',
  'update with the current version',
  'update with a stale version is a VersionConflict',
  'list contains it',
  'isolation: B cannot read it',
  'isolation: B cannot update it',
  'isolation: B cannot delete it',
  "isolation: B's list lacks it",
  'subscription: A receives its own change',
  "subscription: B does not receive A's change",
  'search finds it for A',
  'search does not find it for B',
  'IAM call (SigV4) lists it with ownerId',
  'cleanup: delete the memos',
  'cleanup: delete the users',
];

/** Nothing of a run is left: each user is gone from the pool, and has no memo (asked over IAM, naming the owner). */
async function expectNothingLeft(report: VerifyReport): Promise<void> {
  const cognito = new CognitoIdentityProviderClient({
    region: api.clientConfig.region,
    endpoint: api.clientConfig.userPoolEndpoint,
    credentials: api.iam,
  });
  const iam = createMemoClient(parseMemoClientConfig(api.clientConfig), { auth: iamAuth(api.iam) });
  try {
    expect(report.users).toHaveLength(2);
    for (const { username, sub } of report.users) {
      await expect(
        cognito.send(new AdminDeleteUserCommand({ UserPoolId: api.clientConfig.userPoolId, Username: username })),
      ).rejects.toBeInstanceOf(UserNotFoundException);
      const { data, errors } = await iam.request(ListMemosDocument, { ownerId: sub, limit: 100 });
      expect(errors).toBeUndefined();
      expect(data?.listMemos.items).toEqual([]);
    }
  } finally {
    cognito.destroy();
    iam.close();
  }
}

describe('verify against the local runtime', () => {
  it('passes every check, then leaves no user and no memo behind', async () => {
    const config = parseMemoClientConfig(api.clientConfig);
    const report = await verifyDeployment({ config, credentials: api.iam, timings });
    expect(report.rows.filter(({ passed }) => !passed)).toEqual([]);
    expect(report.rows.map(({ name }) => name)).toEqual(EVERY_CHECK);
    expect(report.passed).toBe(true);
    await expectNothingLeft(report);
  });

  it('as a command on the config the runtime serves: prints a PASS row per check and exits 0', async () => {
    const printed: string[] = [];
    const exitCode = await verifyCommand(['--config', configUrl], { print: (text) => printed.push(text), credentials: api.iam, timings });
    const table = printed.join('\n');
    expect(exitCode).toBe(0);
    for (const name of EVERY_CHECK) expect(table).toMatch(new RegExp(`^${escape(name)} +PASS +\\d+ ms`, 'm'));
    expect(table).toContain(`All ${EVERY_CHECK.length} checks passed.`);
  });
});

describe('verify reports a broken deployment', () => {
  it('fails every API check when the GraphQL endpoint is not there, still deletes both users, and exits 1', async () => {
    const closedPort = await freePort();
    const broken = {
      ...api.clientConfig,
      graphqlUrl: `http://127.0.0.1:${closedPort}/graphql`,
      realtimeUrl: `ws://127.0.0.1:${closedPort}/graphql/realtime`,
    };
    const report = await verifyDeployment({ config: parseMemoClientConfig(broken), credentials: api.iam, timings });
    const byName = new Map(report.rows.map((row) => [row.name, row]));
    expect(report.passed).toBe(false);
    expect(byName.get('two throw-away users: admin-create, sign in')?.passed).toBe(true);
    expect(byName.get('create')).toMatchObject({ passed: false, detail: expect.stringMatching(/NetworkError|failed/) });
    expect(byName.get('read')).toMatchObject({ passed: false, detail: 'not run: the memo could not be created' });
    expect(byName.get('cleanup: delete the users')).toMatchObject({ passed: true, detail: '2 deleted' });
    await expectNothingLeft(report);

    const configFile = join(workDir, 'broken-config.json');
    await writeFile(configFile, JSON.stringify(broken));
    const printed: string[] = [];
    const exitCode = await verifyCommand(['--config', configFile], { print: (text) => printed.push(text), credentials: api.iam, timings });
    expect(exitCode).toBe(1);
    expect(printed.join('\n')).toMatch(/^create +FAIL +\d+ ms +\S/m);
  });

  it('exits 1 with the reason when the config cannot be read, and 2 without a deployment to check', async () => {
    const printed: string[] = [];
    const print = (text: string) => void printed.push(text);
    const closedPort = await freePort();
    expect(await verifyCommand(['--config', `http://127.0.0.1:${closedPort}/config.json`], { print, credentials: api.iam })).toBe(1);
    expect(printed.at(-1)).toMatch(/^Verification could not run: .*fetch failed/);
    expect(await verifyCommand([], { print })).toBe(2);
    expect(printed.at(-1)).toContain('Usage: npm run verify');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A port nothing listens on: one the system just handed out and took back. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
