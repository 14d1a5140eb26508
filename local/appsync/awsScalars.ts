import { isIP } from 'node:net';
import { GraphQLError, Kind, print, type GraphQLScalarType, type ValueNode } from 'graphql';

/**
 * AppSync's predefined scalars, validated as AppSync does: a malformed input literal or variable
 * is a GraphQL error, and so is a resolver result that does not fit. Shapes follow the AppSync
 * scalar reference (e.g. AWSDateTime needs a time zone; AWSDate and AWSTime may have one).
 */
interface ScalarBehaviour {
  /** Checks (and converts) an input value; returns undefined when it is not acceptable. */
  parse(value: unknown): unknown;
  /** Converts a resolver result for the response; returns undefined when it does not fit. */
  serialize(value: unknown): unknown;
  expected: string;
}

const ZONE = '(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)';
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const TIME = '\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?';

const stringMatching = (pattern: RegExp, check: (value: string) => boolean = () => true) => {
  const accept = (value: unknown) => (typeof value === 'string' && pattern.test(value) && check(value) ? value : undefined);
  return { parse: accept, serialize: accept };
};

const SCALARS: Record<string, ScalarBehaviour> = {
  AWSDate: { ...stringMatching(new RegExp(`^${DATE}${ZONE}?$`), isRealDate), expected: 'an ISO 8601 date (YYYY-MM-DD)' },
  AWSTime: { ...stringMatching(new RegExp(`^${TIME}${ZONE}?$`), isRealTime), expected: 'an ISO 8601 time (hh:mm:ss.sss)' },
  AWSDateTime: {
    ...stringMatching(new RegExp(`^${DATE}T${TIME}${ZONE}$`), (value) => isRealDate(value) && isRealTime(value.slice(11))),
    expected: 'an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss.sssZ)',
  },
  AWSTimestamp: {
    parse: (value) => (Number.isSafeInteger(value) ? value : undefined),
    serialize: (value) => (Number.isSafeInteger(value) ? value : undefined),
    expected: 'a whole number of seconds since the epoch',
  },
  AWSEmail: { ...stringMatching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/), expected: 'an email address (local@domain)' },
  AWSURL: { ...stringMatching(/^[a-z][a-z0-9+.-]*:\S+$/i, isUrl), expected: 'a URL with a scheme (https://…)' },
  AWSPhone: { ...stringMatching(/^\+?[0-9][0-9 ().-]{2,30}$/), expected: 'a phone number' },
  AWSIPAddress: {
    ...stringMatching(/^[^/\s]+(\/\d{1,3})?$/, (value) => isIP(value.split('/')[0]!) !== 0),
    expected: 'an IPv4 or IPv6 address',
  },
  AWSJSON: {
    // AppSync hands resolvers the parsed value of an AWSJSON argument, and stringifies results.
    parse: (value) => (typeof value === 'string' ? parseJson(value) : undefined),
    serialize: (value) => (typeof value === 'string' ? (parseJson(value) === undefined ? undefined : value) : JSON.stringify(value)),
    expected: 'a string holding valid JSON',
  },
};

/** Gives the merged schema's AWS* scalars their AppSync behaviour. */
export function installAwsScalars(scalarTypes: readonly GraphQLScalarType[]): void {
  for (const scalar of scalarTypes) {
    const behaviour = SCALARS[scalar.name];
    if (!behaviour) continue;
    // undefined means "not acceptable"; null is a legal AWSJSON value.
    const checked = (result: unknown, shown: string): unknown => {
      if (result !== undefined) return result;
      throw new GraphQLError(`Invalid ${scalar.name} value ${shown}: expected ${behaviour.expected}`);
    };
    scalar.parseValue = (value) => checked(behaviour.parse(value), JSON.stringify(value));
    scalar.parseLiteral = (node) => checked(behaviour.parse(literalValue(node)), print(node));
    scalar.serialize = (value) => checked(behaviour.serialize(value), JSON.stringify(value));
  }
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.INT:
      return Number(node.value);
    default:
      return undefined;
  }
}

function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isRealTime(value: string): boolean {
  const [hours, minutes, seconds = 0] = value
    .slice(0, 8)
    .split(':')
    .map((part) => Number.parseInt(part, 10));
  return hours! < 24 && minutes! < 60 && seconds < 60;
}

function isUrl(value: string): boolean {
  return URL.canParse(value);
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) ?? null;
  } catch {
    return undefined;
  }
}
