export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request: headers and body must arrive within this. */
  timeoutMs: number;
  /** Longest wait honoured from Retry-After or X-RateLimit-Reset. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 300,
  maxDelayMs: 15_000,
  timeoutMs: 60_000,
  maxRateLimitWaitMs: 120_000,
};

/** Exponential backoff with full jitter: a random wait up to base·2^(attempt-1), capped. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a 429 or 503 asks us to wait: Retry-After (seconds or an HTTP date), else Clever's
 * X-RateLimit-Reset (a Unix time in seconds). Null when the response says nothing.
 */
export function rateLimitWait(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | null {
  const first = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = first('retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(first('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return null;
}
