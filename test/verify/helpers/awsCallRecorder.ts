import { once } from 'node:events';
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** A pass-through in front of the local runtime that writes down each IAM-signed call it carries. */
export interface AwsCallRecorder {
  /** `http://[::1]:<the runtime's port>`: where clients send what is to be recorded. */
  readonly origin: string;
  /** Each SigV4-signed call, as `service:Action`, or `appsync:GraphQL on Type.field` per top-level field. */
  readonly calls: string[];
  close(): Promise<void>;
}

export interface AwsCallRecorderOptions {
  /** The local runtime's port on 127.0.0.1. */
  readonly upstreamPort: number;
  /** The runtime has no CloudFormation: DescribeStacks is answered here, with these outputs. */
  readonly stackOutputs: Readonly<Record<string, string>>;
}

/**
 * Listens on [::1] at the runtime's own port, so the Host header a client signs (`[::1]:<port>`) is
 * one the runtime accepts (it refuses other names: DNS rebinding) and the signatures it checks stay
 * valid; every request is forwarded unchanged to 127.0.0.1, except CloudFormation's.
 */
export async function startAwsCallRecorder(options: AwsCallRecorderOptions): Promise<AwsCallRecorder> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const service = signedService(request.headers);
      if (service) calls.push(...iamCallsOf(service, request.headers, body));
      if (service === 'cloudformation') {
        response.writeHead(200, { 'content-type': 'text/xml' }).end(describeStacksXml(options.stackOutputs));
        return;
      }
      const upstream = forward(
        { host: '127.0.0.1', port: options.upstreamPort, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', (error) => response.writeHead(502).end(error.message));
      upstream.end(body);
    });
  });
  server.listen(options.upstreamPort, '::1');
  await once(server, 'listening');
  return {
    origin: `http://[::1]:${options.upstreamPort}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The service of a SigV4 credential scope (`Credential=KEY/date/region/service/aws4_request`); undefined when unsigned. */
function signedService(headers: IncomingHttpHeaders): string | undefined {
  return /^AWS4-HMAC-SHA256 Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1];
}

/** The IAM actions one signed request needs: Cognito's names it in X-Amz-Target, CloudFormation's in the form, AppSync's per field. */
function iamCallsOf(service: string, headers: IncomingHttpHeaders, body: string): string[] {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return [`${service}:${target.slice(target.indexOf('.') + 1)}`];
  if (service === 'appsync') return topLevelFields(body).map((field) => `appsync:GraphQL on ${field}`);
  return [`${service}:${new URLSearchParams(body).get('Action') ?? '(no Action)'}`];
}

/** `Query.listMemos`, … : the top-level fields of the operation a GraphQL request runs. */
function topLevelFields(body: string): string[] {
  const { query, operationName } = JSON.parse(body) as { query: string; operationName?: string };
  const operations = parse(query).definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find(({ name }) => name?.value === operationName) : operations[0];
  if (!operation) return [];
  const type = `${operation.operation[0]!.toUpperCase()}${operation.operation.slice(1)}`;
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [`${type}.${selection.name.value}`] : [],
  );
}

function describeStacksXml(outputs: Readonly<Record<string, string>>): string {
  const members = Object.entries(outputs)
    .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value.replace(/&/g, '&amp;')}</OutputValue></member>`)
    .join('');
  return `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
