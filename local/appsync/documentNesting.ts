import { Lexer, Source, TokenKind, type GraphQLError } from 'graphql';
import { limitError } from './requestLimitExceeded.js';

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Refuses query text whose brackets (selection sets, inline fragments, list and object literals,
 * arguments) nest deeper than `maxDepth`, before the recursive parser sees it: graphql-js would
 * run out of stack at a few thousand levels. Reads the first `maxTokens` tokens only, as `parse`
 * does; text the lexer cannot read is left to `parse` to report.
 * @returns the error to answer with, or undefined when the nesting is within bounds
 */
export function checkDocumentNesting(query: string, maxDepth: number, maxTokens: number): GraphQLError | undefined {
  const source = new Source(query);
  const lexer = new Lexer(source);
  let depth = 0;
  try {
    for (let token = lexer.advance(), count = 1; token.kind !== TokenKind.EOF && count <= maxTokens; token = lexer.advance(), count += 1) {
      if (CLOSING.has(token.kind)) depth = Math.max(0, depth - 1);
      else if (OPENING.has(token.kind) && ++depth > maxDepth) {
        return limitError(
          `Syntax Error: the document nests deeper than ${maxDepth} levels.`,
          { limit: 'nestingDepth', max: maxDepth },
          { source, positions: [token.start] },
        );
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}
