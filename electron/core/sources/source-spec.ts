import type { HttpClientOptions } from '../http/http-client';
import { CleverSource } from './clever/clever-source';
import type { CleverSourceOptions } from './clever/clever-source';
import { CsvSource } from './csv/csv-source';
import { OneRosterSource } from './oneroster/oneroster-source';
import type { OneRosterSourceOptions } from './oneroster/oneroster-source';
import type { RosterSource } from './roster-source';

/**
 * A source's settings as plain data, so a worker thread of this process can build the same source
 * and read some of its streams (a sync's lanes, see snapshot-lanes.ts). It carries the credentials:
 * they stay in this process's memory, as when the main thread reads, and are never logged.
 */
export type SourceSpec =
  | { kind: 'oneroster'; options: Omit<OneRosterSourceOptions, 'onRetry'> }
  | { kind: 'clever'; options: Omit<CleverSourceOptions, 'onRetry'> }
  | { kind: 'csv'; target: string };

/** The same source, rebuilt from its spec in another thread. */
export function sourceFromSpec(
  spec: SourceSpec,
  onRetry?: HttpClientOptions['onRetry'],
): RosterSource {
  const retry = onRetry ? { onRetry } : {};
  switch (spec.kind) {
    case 'oneroster':
      return new OneRosterSource({ ...spec.options, ...retry });
    case 'clever':
      return new CleverSource({ ...spec.options, ...retry });
    case 'csv':
      return new CsvSource(spec.target);
  }
}
