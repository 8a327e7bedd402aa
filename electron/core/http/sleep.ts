import { UpstreamError } from './upstream-error';

/** Waits, unless the signal aborts first (then throws a cancelled UpstreamError at once). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UpstreamError('cancelled', 'Cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UpstreamError('cancelled', 'Cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
