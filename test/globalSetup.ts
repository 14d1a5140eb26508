import type { TestProject } from 'vitest/node';
import { startEmbeddedStore } from '../local/embeddedStore.js';

/** One in-memory dynalite for the whole run, on a free loopback port; each suite makes its own table. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const store = await startEmbeddedStore();
  project.provide('dynamodbEndpoint', store.endpoint);
  return () => store.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
