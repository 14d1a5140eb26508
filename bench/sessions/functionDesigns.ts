import { MEMO_FIELDS } from '../resolverSeam.js';

/** A way of splitting the memo fields over Lambda functions: which function serves each field. */
export interface FunctionDesign {
  readonly name: string;
  readonly label: string;
  /** The function that serves `field`; fields with the same function share its environments. */
  readonly functionOf: (field: string) => string;
}

/** Fields that only read (no write action in their own list): the read function of design C. */
export const READ_FIELDS: ReadonlySet<string> = new Set(
  MEMO_FIELDS.filter((field) => field.typeName === 'Query').map((field) => field.fieldName),
);

/** What deployed before issue 21: one function (and role, and log group) per field. */
export const PER_FIELD: FunctionDesign = { name: 'A', label: 'one per field', functionOf: (field) => field };

/** One function for every field (its handler dispatches on the field name): what deploys since issue 21. */
export const ONE_FUNCTION: FunctionDesign = { name: 'B', label: 'one for all', functionOf: () => 'memoApi' };

/** Between the two: one function for the reads (Query fields) and one for the writes (Mutation fields). */
export const READS_AND_WRITES: FunctionDesign = {
  name: 'C',
  label: 'reads + writes',
  functionOf: (field) => (READ_FIELDS.has(field) ? 'reads' : 'writes'),
};

export const FUNCTION_DESIGNS: readonly FunctionDesign[] = [PER_FIELD, ONE_FUNCTION, READS_AND_WRITES];
