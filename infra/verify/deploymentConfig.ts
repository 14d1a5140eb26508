import { readFile } from 'node:fs/promises';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { loadMemoClientConfig, parseMemoClientConfig, type AwsCredentials, type MemoClientConfig } from '@memo-api/client';
import { clientConfigFromOutputs } from '../clientConfig/fromStackOutputs.js';
import { describeStackOutputs } from './describeStackOutputs.js';

/** Where to find the deployment: a stack's outputs, or a client config file or URL. */
export type DeploymentSource =
  { readonly stack: string; readonly region?: string; readonly cloudFormationEndpoint?: string } | { readonly config: string };

/**
 * The client config of a deployment: a stack's outputs read through CloudFormation (with the
 * operator's credentials and region from the AWS SDK's default chain unless given), or a client
 * config as `npm run deploy` writes it (a path) or `npm start` serves it (an http(s) URL).
 *
 * @throws {Error} naming what could not be read or what the config lacks
 */
export async function deploymentConfig(source: DeploymentSource, credentials?: AwsCredentials): Promise<MemoClientConfig> {
  if ('config' in source) {
    if (/^https?:\/\//.test(source.config)) return loadMemoClientConfig(source.config);
    const text = await readFile(source.config, 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${source.config} is not JSON`);
    }
    return parseMemoClientConfig(value, source.config);
  }
  // A client only to resolve the default chain's region and credentials, as every AWS SDK client does.
  const resolver = new CognitoIdentityProviderClient({
    ...(source.region ? { region: source.region } : {}),
    ...(credentials ? { credentials } : {}),
  });
  try {
    const region = await resolver.config.region();
    const outputs = await describeStackOutputs({
      stackName: source.stack,
      region,
      credentials: await resolver.config.credentials(),
      ...(source.cloudFormationEndpoint ? { endpoint: source.cloudFormationEndpoint } : {}),
    });
    return clientConfigFromOutputs(outputs);
  } finally {
    resolver.destroy();
  }
}
