import { parseMemoClientConfig } from '@memo-api/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentConfig } from '../../infra/verify/deploymentConfig.js';
import { VERIFY_CALLS } from '../../infra/verify/verifyCalls.js';
import { verifyDeployment } from '../../infra/verify/verifyDeployment.js';
import { startLocalApi, type LocalApi } from '../../local/server.js';
import { startAwsCallRecorder, type AwsCallRecorder } from './helpers/awsCallRecorder.js';

// The deploy role (infra/pipeline/githubDeployRoleStack.ts) grants what VERIFY_CALLS lists; here
// verify runs against the local runtime (`npm start`) and every call it signs with the operator's
// credentials is written down on the way, so a call added to verify but not to the list fails here.
let api: LocalApi;
let recorder: AwsCallRecorder;

beforeAll(async () => {
  api = await startLocalApi();
  const { port } = new URL(api.url);
  recorder = await startAwsCallRecorder({
    upstreamPort: Number(port),
    stackOutputs: {
      GraphQLUrl: api.clientConfig.graphqlUrl,
      RealtimeUrl: api.clientConfig.realtimeUrl,
      Region: api.clientConfig.region,
      UserPoolId: api.clientConfig.userPoolId,
      UserPoolClientId: api.clientConfig.userPoolClientId,
    },
  });
});
afterAll(async () => {
  await recorder?.close();
  await api?.close();
});

/** The list as the recorder writes calls down: a GraphQL grant names its field. */
const LISTED = VERIFY_CALLS.map(({ action, resource }) =>
  resource.kind === 'graphqlField' ? `${action} on ${resource.typeName}.${resource.fieldName}` : action,
);

describe('the AWS calls npm run verify makes', () => {
  it('are exactly those infra/verify/verifyCalls.ts lists, with --stack and every check passing', async () => {
    const { graphqlUrl, realtimeUrl } = await deploymentConfig(
      { stack: 'MemoApi-local', region: api.clientConfig.region, cloudFormationEndpoint: `${recorder.origin}/` },
      api.iam,
    );
    expect({ graphqlUrl, realtimeUrl }).toEqual({ graphqlUrl: api.clientConfig.graphqlUrl, realtimeUrl: api.clientConfig.realtimeUrl });
    // The deployed outputs name Cognito's own endpoint; here the user pool and /graphql go through the recorder.
    // Subscriptions (wss) go straight to the runtime: verify subscribes as the throw-away users, never over IAM.
    const config = parseMemoClientConfig({
      ...api.clientConfig,
      graphqlUrl: `${recorder.origin}${new URL(api.clientConfig.graphqlUrl).pathname}`,
      userPoolEndpoint: `${recorder.origin}/`,
    });
    const report = await verifyDeployment({ config, credentials: api.iam, timings: { quietMs: 500 } });

    expect(report.rows.filter(({ passed }) => !passed)).toEqual([]);
    expect([...new Set(recorder.calls)].sort()).toEqual([...LISTED].sort());
    // Each throw-away user (two) is created, given a password, signed in and deleted.
    for (const action of LISTED.filter((call) => call.startsWith('cognito-idp:')))
      expect(recorder.calls.filter((call) => call === action)).toHaveLength(2);
  });
});
