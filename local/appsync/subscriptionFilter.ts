import { isDeepStrictEqual } from 'node:util';

/**
 * AppSync's enhanced subscription filters: what `util.transform.toSubscriptionFilter` builds and
 * `extensions.setSubscriptionFilter` takes, and how an event is tested against one. Groups are
 * OR-ed, the filters inside a group AND-ed; each filter tests one field of the event, which holds
 * only the fields the triggering mutation selected (a field it did not select never matches).
 */
export interface SubscriptionFilter {
  filterGroup: { filters: FieldFilter[] }[];
}

export interface FieldFilter {
  fieldName: string;
  operator: FilterOperator;
  value: unknown;
}

const OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'attributeExists',
  'containsAny',
] as const;
export type FilterOperator = (typeof OPERATORS)[number];

/** AppSync's limits on one filter (values per list operator, field path depth and length). */
export const FILTER_LIMITS = { listValues: 5, containsAnyValues: 20, pathDepth: 5, pathLength: 256 } as const;

/** A filter AppSync would refuse; the subscription `start` fails with it. */
export class InvalidSubscriptionFilter extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSubscriptionFilter';
  }
}

type FilterObject = Record<string, unknown>;

/**
 * `util.transform.toSubscriptionFilter(obj)`: `{ field: { op: value }, and: [...], or: [...] }`
 * → `{ filterGroup }`, expanding and/or into OR-ed groups of AND-ed filters.
 */
export function toSubscriptionFilter(obj: FilterObject, ignoredFields: readonly string[] = []): SubscriptionFilter {
  const groups = groupsOf(obj, new Set(ignoredFields));
  const filter = { filterGroup: groups.map((filters) => ({ filters })) };
  assertValidFilter(filter);
  return filter;
}

/** @throws {InvalidSubscriptionFilter} for an unknown operator or a limit broken */
export function assertValidFilter(filter: SubscriptionFilter): void {
  for (const { filters } of filter.filterGroup) {
    for (const { fieldName, operator, value } of filters) {
      if (!(OPERATORS as readonly string[]).includes(operator)) throw new InvalidSubscriptionFilter(`Unknown filter operator ${operator}`);
      if (fieldName.length > FILTER_LIMITS.pathLength || fieldName.split('.').length > FILTER_LIMITS.pathDepth) {
        throw new InvalidSubscriptionFilter(`Filter field ${fieldName.slice(0, 40)}… is nested or named beyond AppSync's limits`);
      }
      const max = operator === 'containsAny' ? FILTER_LIMITS.containsAnyValues : FILTER_LIMITS.listValues;
      if (['in', 'notIn', 'containsAny'].includes(operator) && (!Array.isArray(value) || value.length > max)) {
        throw new InvalidSubscriptionFilter(`${operator} takes a list of at most ${max} values`);
      }
      if (operator === 'between' && (!Array.isArray(value) || value.length !== 2))
        throw new InvalidSubscriptionFilter('between takes [low, high]');
    }
  }
}

/** Whether the event (the mutation's selected fields) passes the filter. */
export function matchesFilter(filter: SubscriptionFilter, event: Record<string, unknown>): boolean {
  return filter.filterGroup.some(({ filters }) => filters.every((filter) => matches(filter, event)));
}

function groupsOf(obj: FilterObject, ignored: ReadonlySet<string>): FieldFilter[][] {
  let groups: FieldFilter[][] = [[]];
  for (const [key, condition] of Object.entries(obj)) {
    if (ignored.has(key) || condition === undefined) continue;
    let alternatives: FieldFilter[][];
    if (key === 'and' || key === 'or') {
      const parts = (condition as FilterObject[]).map((part) => groupsOf(part, ignored));
      alternatives = key === 'or' ? parts.flat() : parts.reduce((all, part) => product(all, part), [[]] as FieldFilter[][]);
    } else {
      const operators = Object.entries(condition as Record<string, unknown>).map(([operator, value]) => ({
        fieldName: key,
        operator: operator as FilterOperator,
        value,
      }));
      alternatives = [operators];
    }
    groups = product(groups, alternatives);
  }
  return groups;
}

function product(left: FieldFilter[][], right: FieldFilter[][]): FieldFilter[][] {
  return left.flatMap((a) => right.map((b) => [...a, ...b]));
}

function matches({ fieldName, operator, value }: FieldFilter, event: Record<string, unknown>): boolean {
  const [present, actual] = fieldOf(event, fieldName);
  if (operator === 'attributeExists') return present === Boolean(value);
  if (!present) return false;
  switch (operator) {
    case 'eq':
      return isDeepStrictEqual(actual, value);
    case 'ne':
      return !isDeepStrictEqual(actual, value);
    case 'le':
      return compare(actual, value, (a, b) => a <= b);
    case 'lt':
      return compare(actual, value, (a, b) => a < b);
    case 'ge':
      return compare(actual, value, (a, b) => a >= b);
    case 'gt':
      return compare(actual, value, (a, b) => a > b);
    case 'contains':
      return contains(actual, value);
    case 'notContains':
      return !contains(actual, value);
    case 'beginsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'in':
      return (value as unknown[]).some((candidate) => isDeepStrictEqual(actual, candidate));
    case 'notIn':
      return !(value as unknown[]).some((candidate) => isDeepStrictEqual(actual, candidate));
    case 'between': {
      const [low, high] = value as [unknown, unknown];
      return compare(actual, low, (a, b) => a >= b) && compare(actual, high, (a, b) => a <= b);
    }
    case 'containsAny':
      return Array.isArray(actual) && (value as unknown[]).some((candidate) => actual.some((item) => isDeepStrictEqual(item, candidate)));
  }
}

function fieldOf(event: Record<string, unknown>, path: string): [boolean, unknown] {
  let current: unknown = event;
  for (const name of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, name)) return [false, undefined];
    current = (current as Record<string, unknown>)[name];
  }
  return [true, current];
}

function compare(actual: unknown, expected: unknown, test: (a: number | string, b: number | string) => boolean): boolean {
  const comparable =
    (typeof actual === 'number' && typeof expected === 'number') || (typeof actual === 'string' && typeof expected === 'string');
  return comparable && test(actual, expected);
}

function contains(actual: unknown, value: unknown): boolean {
  if (typeof actual === 'string') return typeof value === 'string' && actual.includes(value);
  return Array.isArray(actual) && actual.some((item) => isDeepStrictEqual(item, value));
}
