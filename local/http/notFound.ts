import { GRAPHQL_PATH } from './graphqlRoute.js';
import { HttpError } from './httpErrors.js';

/** The 404 of a path nothing is served at, pointing to what is. */
export function notFound(pathname: string): HttpError {
  return new HttpError(404, 'NotFoundException', `Nothing is served at ${pathname}; the API is at ${GRAPHQL_PATH}, GraphiQL at /`);
}
