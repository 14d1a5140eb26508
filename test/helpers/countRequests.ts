import { onTestFinished } from 'vitest';
import { countRequests, type RequestCounter } from '../../resolvers/store/requestCounter.js';

/** countRequests for the current test only: the middleware goes when the test ends. */
export function countDynamoCalls(): RequestCounter {
  const counter = countRequests();
  onTestFinished(() => counter.stop());
  return counter;
}
