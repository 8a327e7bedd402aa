export type UpstreamErrorKind =
  'auth' | 'refused' | 'not-found' | 'client' | 'server' | 'network' | 'malformed' | 'cancelled';

/** A failure talking to a roster source, worded for the admin; never carries a credential. */
export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'cancelled';
}
