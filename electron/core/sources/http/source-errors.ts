export type SourceErrorKind =
  'auth' | 'refused' | 'not-found' | 'client' | 'server' | 'network' | 'malformed' | 'cancelled';

/** A failure talking to a roster source, worded for the admin; never carries a credential. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof SourceError && error.kind === 'cancelled';
}
