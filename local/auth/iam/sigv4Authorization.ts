import { SignatureRejected } from './sigv4Errors.js';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  /** The credential scope's day, `YYYYMMDD`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** Lowercase, sorted, unique: as SigV4 requires them listed. */
  readonly signedHeaders: readonly string[];
  /** 64 lowercase hex digits. */
  readonly signature: string;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';

const PART_NAMES = ['Credential', 'SignedHeaders', 'Signature'] as const;
// An HTTP token in lowercase: what a canonical header name can be.
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Parses the header strictly: the algorithm exactly `AWS4-HMAC-SHA256`, then `Credential`,
 * `SignedHeaders` and `Signature` once each (any order, comma separated), nothing else.
 *
 * @throws {SignatureRejected} on any malformed part
 */
export function parseAuthorization(value: string): ParsedAuthorization {
  const prefix = `${ALGORITHM} `;
  if (!value.startsWith(prefix)) throw new SignatureRejected(`Authorization does not start with "${prefix}"`);
  const parts = new Map<string, string>();
  for (const part of value.slice(prefix.length).split(',')) {
    const match = /^ *([A-Za-z]+)=(\S+)$/.exec(part);
    if (!match) throw new SignatureRejected(`malformed Authorization part "${part.trim()}"`);
    const [, name = '', partValue = ''] = match;
    if (!(PART_NAMES as readonly string[]).includes(name)) throw new SignatureRejected(`unknown Authorization part ${name}`);
    if (parts.has(name)) throw new SignatureRejected(`duplicate Authorization part ${name}`);
    parts.set(name, partValue);
  }
  const missing = PART_NAMES.filter((name) => !parts.has(name));
  if (missing.length > 0) throw new SignatureRejected(`Authorization lacks ${missing.join(', ')}`);
  return {
    ...parseCredential(parts.get('Credential') ?? ''),
    signedHeaders: parseSignedHeaders(parts.get('SignedHeaders') ?? ''),
    signature: parseSignature(parts.get('Signature') ?? ''),
  };
}

function parseCredential(credential: string): Pick<ParsedAuthorization, 'accessKeyId' | 'date' | 'region' | 'service'> {
  const match = /^([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/.exec(credential);
  if (!match) throw new SignatureRejected('malformed Credential (expected <key>/<YYYYMMDD>/<region>/<service>/aws4_request)');
  const [, accessKeyId = '', date = '', region = '', service = ''] = match;
  return { accessKeyId, date, region, service };
}

function parseSignedHeaders(list: string): string[] {
  const names = list.split(';');
  if (!names.every((name) => HEADER_NAME.test(name))) throw new SignatureRejected('malformed SignedHeaders');
  // Sorted and unique, as every signer writes it; anything else was not produced by a signer.
  if (names.some((name, index) => index > 0 && name <= (names[index - 1] ?? ''))) {
    throw new SignatureRejected('SignedHeaders is not sorted and unique');
  }
  return names;
}

function parseSignature(signature: string): string {
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new SignatureRejected('malformed Signature (expected 64 lowercase hex digits)');
  return signature;
}

/**
 * Reads `x-amz-date` (`YYYYMMDDTHHMMSSZ`, ISO 8601 basic, UTC).
 *
 * @throws {SignatureRejected} unless the value is exactly that format and a real instant
 */
export function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new SignatureRejected('malformed x-amz-date (expected YYYYMMDDTHHMMSSZ)');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20240230 over to March: the round trip catches impossible dates.
  if (formatAmzDate(date) !== value) throw new SignatureRejected('x-amz-date is not a real date');
  return date;
}

/** `YYYYMMDDTHHMMSSZ` for `date`, as signers write `x-amz-date`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}
