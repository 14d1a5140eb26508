import { readFileSync } from 'node:fs';

/**
 * A graphql-codegen plugin that copies one dependency-free TypeScript module verbatim (`config.from`).
 * The SDK is published alone and may not import resolvers/, yet its offline search must apply the
 * server's very matching rules: codegen.yml copies them into sdk/src/generated, and the codegen
 * test fails when a copy is stale, as it does for the generated documents.
 *
 * @param {unknown} _schema
 * @param {unknown} _documents
 * @param {{ from: string }} config
 * @returns {string}
 */
export const plugin = (_schema, _documents, config) => readFileSync(config.from, 'utf8');
