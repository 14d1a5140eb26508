import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfigFromOutputs } from '../../infra/clientConfig/fromStackOutputs.js';
import { deploymentConfig } from '../../infra/verify/deploymentConfig.js';
import { stackOutputsOf } from '../../infra/verify/describeStackOutputs.js';
import { generateStoredPrincipal, type LocalIamPrincipal } from '../../local/auth/iam/iamCredentials.js';
import { verifySigV4 } from '../../local/auth/iam/sigv4Verifier.js';

// `npm run verify -- --stack NAME` reads the stack's outputs with CloudFormation's DescribeStacks.
// No test calls AWS: a stand-in answers DescribeStacks as CloudFormation's Query API does, after
// checking the request's SigV4 signature with the local runtime's verifier (service cloudformation).

const OUTPUTS = {
  GraphQLUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  RealtimeUrl: 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  ApiId: 'abc',
  UserPoolId: 'eu-west-1_Abc123456',
  UserPoolClientId: 'client123',
  Region: 'eu-west-1',
  TableName: 'MemoApi-dev-MemoTable&Co',
};
const describeStacksXml = (
  outputs: Record<string, string>,
) => `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member>
    <StackName>MemoApi-dev</StackName>
    <Parameters><member><ParameterKey>BootstrapVersion</ParameterKey><ParameterValue>/cdk-bootstrap/hnb659fds/version</ParameterValue></member></Parameters>
    <Outputs>${Object.entries(outputs)
      .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value.replace(/&/g, '&amp;')}</OutputValue></member>`)
      .join('')}</Outputs>
    <StackStatus>UPDATE_COMPLETE</StackStatus>
  </member></Stacks></DescribeStacksResult>
</DescribeStacksResponse>`;

const operator: LocalIamPrincipal = {
  ...generateStoredPrincipal(),
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:user/operator',
};
const requests: URLSearchParams[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      verifySigV4({ method: request.method!, path: request.url!, headers: request.headers, body }, operator, {
        service: 'cloudformation',
        region: 'eu-west-1',
      }).then(
        () => {
          const form = new URLSearchParams(body);
          requests.push(form);
          if (form.get('StackName') !== 'MemoApi-dev') {
            const error = `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${form.get('StackName')} does not exist</Message></Error></ErrorResponse>`;
            response.writeHead(400, { 'content-type': 'text/xml' }).end(error);
            return;
          }
          response.writeHead(200, { 'content-type': 'text/xml' }).end(describeStacksXml(OUTPUTS));
        },
        () =>
          response
            .writeHead(403, { 'content-type': 'text/xml' })
            .end('<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error></ErrorResponse>'),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('--stack: the outputs of DescribeStacks', () => {
  it('signs DescribeStacks with the operator credentials and makes the client config of the outputs', async () => {
    const config = await deploymentConfig({ stack: 'MemoApi-dev', region: 'eu-west-1', cloudFormationEndpoint: endpoint }, operator);
    expect(config).toEqual(clientConfigFromOutputs(OUTPUTS));
    expect(Object.fromEntries(requests.at(-1)!)).toEqual({ Action: 'DescribeStacks', StackName: 'MemoApi-dev', Version: '2010-05-15' });
  });

  it.each([
    [
      'an unknown stack',
      'MemoApi-nope',
      operator,
      /DescribeStacks MemoApi-nope: ValidationError: Stack with id MemoApi-nope does not exist/,
    ],
    [
      'credentials CloudFormation does not accept',
      'MemoApi-dev',
      { ...operator, secretAccessKey: 'wrong-secret-key-0000' },
      /SignatureDoesNotMatch/,
    ],
  ])("fails with CloudFormation's code and message for %s", async (_case, stack, credentials, message) => {
    await expect(deploymentConfig({ stack, region: 'eu-west-1', cloudFormationEndpoint: endpoint }, credentials)).rejects.toThrow(message);
  });

  it('reads only the Outputs of the answer, entities decoded', () => {
    expect(stackOutputsOf(describeStacksXml(OUTPUTS))).toEqual(OUTPUTS);
    expect(
      stackOutputsOf('<DescribeStacksResponse><Stacks><member><StackName>x</StackName></member></Stacks></DescribeStacksResponse>'),
    ).toEqual({});
  });
});
