import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamCredentialsFile, loadIamPrincipal } from '../../../local/auth/iam/iamCredentials.js';
import { ConfigError } from '../../../local/config.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'memo-iam-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const AWS_SHAPED = {
  accessKeyId: expect.stringMatching(/^AKIA[A-Z0-9]{16}$/),
  secretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
  username: expect.stringMatching(/^AIDA[A-Z0-9]{17}$/),
  accountId: '000000000000',
  userArn: 'arn:aws:iam::000000000000:user/memo-local-admin',
};

describe('loadIamPrincipal', () => {
  it('makes a fresh AWS-shaped principal in memory when there is no data directory', async () => {
    const first = await loadIamPrincipal({ dataDir: null, env: {} });
    expect(first).toEqual(AWS_SHAPED);
    expect((await loadIamPrincipal({ dataDir: null, env: {} })).accessKeyId).not.toBe(first.accessKeyId);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('generates the principal once per data directory, in local-auth/iam.json with mode 0600', async () => {
    const first = await loadIamPrincipal({ dataDir, env: {} });
    expect(first).toEqual(AWS_SHAPED);
    const file = iamCredentialsFile(dataDir);
    expect(file).toBe(join(dataDir, 'local-auth', 'iam.json'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadIamPrincipal({ dataDir, env: {} })).toEqual(first);
    expect(await readdir(dataDir)).toEqual(['local-auth']);
    expect(await readdir(dirname(file))).toEqual(['iam.json']);
  });

  it('gives processes racing on a new data directory the same principal', async () => {
    const principals = await Promise.all(Array.from({ length: 8 }, () => loadIamPrincipal({ dataDir, env: {} })));
    expect(new Set(principals.map((principal) => principal.accessKeyId)).size).toBe(1);
    expect(await readdir(dirname(iamCredentialsFile(dataDir)))).toEqual(['iam.json']);
  });

  it('takes the key pair from the environment, writes nothing, and keeps the username stable per key', async () => {
    const env = {
      LOCAL_IAM_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      LOCAL_IAM_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      LOCAL_IAM_ACCOUNT_ID: '123456789012',
    };
    const principal = await loadIamPrincipal({ dataDir, env });
    expect(principal).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      accountId: '123456789012',
      userArn: 'arn:aws:iam::123456789012:user/memo-local-admin',
      username: expect.stringMatching(/^AIDA[A-Z0-9]{17}$/),
    });
    expect((await loadIamPrincipal({ dataDir: null, env })).username).toBe(principal.username);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('takes temporary credentials (a session token with its key pair) from the environment', async () => {
    const env = {
      LOCAL_IAM_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      LOCAL_IAM_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      LOCAL_IAM_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLEtemporary',
    };
    expect(await loadIamPrincipal({ dataDir, env })).toMatchObject({
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionToken: 'FwoGZXIvYXdzEXAMPLEtemporary',
    });
    expect((await loadIamPrincipal({ dataDir: null, env: {} })).sessionToken).toBeUndefined();
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['only the access key id', { LOCAL_IAM_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }, /both .* or neither/],
    ['only the secret', { LOCAL_IAM_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, /both .* or neither/],
    [
      'a lowercase access key id',
      { LOCAL_IAM_ACCESS_KEY_ID: 'akiaiosfodnn7example', LOCAL_IAM_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      /LOCAL_IAM_ACCESS_KEY_ID must be/,
    ],
    [
      'a short secret',
      { LOCAL_IAM_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', LOCAL_IAM_SECRET_ACCESS_KEY: 'short' },
      /LOCAL_IAM_SECRET_ACCESS_KEY must be/,
    ],
    ['an account id that is not 12 digits', { LOCAL_IAM_ACCOUNT_ID: '1234' }, /LOCAL_IAM_ACCOUNT_ID must be 12 digits/],
    ['a session token without its key pair', { LOCAL_IAM_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLEtemporary' }, /LOCAL_IAM_SESSION_TOKEN needs/],
    [
      'a session token with a space',
      {
        LOCAL_IAM_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
        LOCAL_IAM_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        LOCAL_IAM_SESSION_TOKEN: 'FwoGZXIv YXdzEXAMPLE',
      },
      /LOCAL_IAM_SESSION_TOKEN must be/,
    ],
  ])('refuses %s with a ConfigError', async (_name, env, message) => {
    const outcome = loadIamPrincipal({ dataDir, env });
    await expect(outcome).rejects.toBeInstanceOf(ConfigError);
    await expect(outcome).rejects.toThrow(message);
  });

  it('refuses a corrupt credentials file, and one others may read', async () => {
    const file = iamCredentialsFile(dataDir);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"accessKeyId": 1}', { mode: 0o600 });
    await expect(loadIamPrincipal({ dataDir, env: {} })).rejects.toThrow(/not valid local IAM credentials: delete it/);

    await rm(file);
    await loadIamPrincipal({ dataDir, env: {} });
    await chmod(file, 0o644);
    await expect(loadIamPrincipal({ dataDir, env: {} })).rejects.toThrow(/chmod 600/);
  });
});
