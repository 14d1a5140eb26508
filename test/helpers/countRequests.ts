import { onTestFinished } from 'vitest';
import { countRequests, type RequestCounter } from '../../bench/runtime/requestCounter.js';
import { testMemoStore } from './testStore.js';

/** countRequests on this file's store, for the current test only: the middleware goes when the test ends. */
export function countDynamoCalls(): RequestCounter {
  const counter = countRequests(testMemoStore().documentClient);
  onTestFinished(() => counter.stop());
  return counter;
}
