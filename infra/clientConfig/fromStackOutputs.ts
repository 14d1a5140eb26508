import { cognitoEndpoint, type MemoClientConfig } from '@memo-api/client';

/** The stack outputs a front end needs (infra/memoApiStack.ts declares them). */
const OUTPUT_KEYS = ['GraphQLUrl', 'RealtimeUrl', 'Region', 'UserPoolId', 'UserPoolClientId'] as const;

/**
 * The client config of a deployed stack, in the shape the local runtime serves at /config.json
 * (without its `users`), so one front end runs against both unchanged.
 *
 * @throws Error naming the first output the stack did not report
 */
export function clientConfigFromOutputs(outputs: Readonly<Record<string, string>>): MemoClientConfig {
  for (const key of OUTPUT_KEYS) {
    if (!outputs[key]) throw new Error(`The stack outputs have no ${key}: deploy the current infra/ first`);
  }
  const region = outputs.Region!;
  return {
    graphqlUrl: outputs.GraphQLUrl!,
    realtimeUrl: outputs.RealtimeUrl!,
    region,
    userPoolId: outputs.UserPoolId!,
    userPoolClientId: outputs.UserPoolClientId!,
    // Cognito's own API endpoint for the region: what clients call without a custom endpoint.
    userPoolEndpoint: cognitoEndpoint(region),
  };
}

/**
 * The one memo stack in a `cdk deploy --outputs-file` document (`{ "<stack name>": { outputs } }`).
 * @throws Error when the file holds no MemoApi stack, or several
 */
export function memoStackOutputs(outputsFile: unknown): Record<string, string> {
  const stacks = Object.entries((outputsFile ?? {}) as Record<string, Record<string, string>>).filter(([name]) =>
    name.startsWith('MemoApi-'),
  );
  if (stacks.length !== 1) throw new Error(`Expected the outputs of one MemoApi-<stage> stack, found ${stacks.length}`);
  return stacks[0]![1];
}
