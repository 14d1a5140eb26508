/**
 * Bounds on a request's document and variables that hold whatever the configuration says. AppSync
 * documents none of them (docs/api.md#request-limits): they keep one hostile request of a 1 MB
 * body from blocking the single-threaded runtime, exhausting its stack or its heap.
 */

/** Bounds the parser's work on hostile input before validation even starts. */
export const MAX_TOKENS = 20_000;

/**
 * Deepest nesting of brackets in the query text (`{`, `[`, `(`), of selections with the named
 * fragments they spread, and of variable values. graphql-js parses, validates, executes and
 * coerces recursively: at ~2,000 levels it runs out of stack. AppSync's own query depth limit is
 * at most 75 fields, so a real document stays far below this.
 */
export const MAX_NESTING_DEPTH = 200;

/**
 * Most selections (fields and inline fragments) an operation may count once its named fragments
 * are written out, as `selectionSetGraphQL` prints them. Fragments may make a document shorter,
 * not larger than one of MAX_TOKENS tokens could be written out without them.
 */
export const MAX_EXPANDED_SELECTIONS = MAX_TOKENS;

/** Most errors reported for a document's validation or a request's variables. */
export const MAX_REPORTED_ERRORS = 10;

/**
 * Longest message of an error GraphQL itself raises: graphql-js echoes the value it refused (a
 * whole variable, a literal), which may be a megabyte. The middle of a longer one is cut.
 */
export const MAX_ERROR_MESSAGE_LENGTH = 500;
