import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '@memo-api/client';
import { verifyActionName } from './verifyCalls.js';

export interface DescribeStackOutputsInput {
  readonly stackName: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** CloudFormation's endpoint (default `https://cloudformation.<region>.amazonaws.com/`). */
  readonly endpoint?: string;
}

/**
 * A stack's outputs (`OutputKey` → `OutputValue`) from CloudFormation's DescribeStacks, a
 * SigV4-signed call of its Query API (the one call this needs, so no CloudFormation client).
 *
 * @example
 * const outputs = await describeStackOutputs({ stackName: 'MemoApi-dev', region: 'eu-west-1', credentials });
 * @throws {Error} with CloudFormation's code and message (e.g. `ValidationError: Stack with id X does not exist`)
 */
export async function describeStackOutputs(input: DescribeStackOutputsInput): Promise<Record<string, string>> {
  const url = new URL(input.endpoint ?? `https://cloudformation.${input.region}.amazonaws.com/`);
  const body = new URLSearchParams({
    Action: verifyActionName('cloudformation', 'DescribeStacks'),
    StackName: input.stackName,
    Version: '2010-05-15',
  }).toString();
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: 'cloudformation',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  // fetch sends the URL's own host.
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(url, { method: 'POST', headers, body });
  const xml = await response.text();
  if (!response.ok) {
    const code = elementText(xml, 'Code') ?? `HTTP ${response.status}`;
    throw new Error(`DescribeStacks ${input.stackName}: ${code}: ${elementText(xml, 'Message') ?? 'no message'}`);
  }
  return stackOutputsOf(xml);
}

/** The outputs in a DescribeStacks response (`<Outputs><member><OutputKey>…`), of its first stack. */
export function stackOutputsOf(xml: string): Record<string, string> {
  const outputs = /<Outputs>([\s\S]*?)<\/Outputs>/.exec(xml)?.[1] ?? '';
  const entries: Record<string, string> = {};
  for (const [, member = ''] of outputs.matchAll(/<member>([\s\S]*?)<\/member>/g)) {
    const key = elementText(member, 'OutputKey');
    const value = elementText(member, 'OutputValue');
    if (key !== undefined && value !== undefined) entries[key] = value;
  }
  return entries;
}

function elementText(xml: string, name: string): string | undefined {
  const text = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
  return text === undefined ? undefined : decodeEntities(text);
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_entity, name: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? '';
  });
}
