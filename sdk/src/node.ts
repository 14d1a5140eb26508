// @memo-api/client/node: what the offline store needs in Node only, kept out of the browser entries.

export { fileStorage } from './offline/fileStorage.js';
