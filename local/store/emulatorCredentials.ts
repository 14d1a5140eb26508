import type { StoreCredentials } from '../../resolvers/store/config.js';

/**
 * The embedded store and local emulators (DynamoDB Local, dynalite) accept any credentials, but
 * the SDK refuses to send a request without some: a fixed fake pair. DynamoDB Local keeps one
 * database per access key, so everything that shares its tables must use the same pair.
 */
export const EMULATOR_CREDENTIALS: StoreCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The credentials a program run against an emulator uses: the key in `env` when one is set (so a
 * DynamoDB Local started under that key is shared), else EMULATOR_CREDENTIALS; undefined with an
 * AWS_PROFILE, whose credentials the SDK resolves itself.
 */
export function emulatorCredentialsFrom(env: NodeJS.ProcessEnv): StoreCredentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken, AWS_PROFILE } = env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return AWS_PROFILE ? undefined : EMULATOR_CREDENTIALS;
}

/**
 * Gives a child process's environment the fake pair unless it names a key or profile: a handler
 * run in a child reads its credentials from its environment, as on Lambda.
 */
export function supplyEmulatorCredentials(env: NodeJS.ProcessEnv): void {
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) return;
  env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
}
