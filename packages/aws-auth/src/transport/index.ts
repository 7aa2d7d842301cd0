export { createNodeHttpTransport, defaultTransport, isLoopbackUrl, type NodeHttpTransportOptions } from "./node-http-transport.js";
export { RequestDeadlines, type Deadline } from "./request-deadlines.js";
export {
  DEFAULT_RETRY_POLICY,
  computeRetryDelay,
  isRetryableFailure,
  parseRetryAfter,
  resolveRetryPolicy,
  type RetryPolicy,
} from "./retry-policy.js";
export { retryBeforeFirstEvent, type RetryOptions, type FirstEventResult } from "./retry-before-first-event.js";
export { sleepBeforeRetry } from "./sleep-before-retry.js";
export { DEFAULT_TIMEOUTS, resolveTimeouts } from "./default-timeouts.js";
