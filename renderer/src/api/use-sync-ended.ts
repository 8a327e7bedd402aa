import { useEffect } from 'react';
import { onEvent } from './events';

/**
 * Calls `then` each time a sync ends (complete, held, failed or cancelled): what a screen whose
 * cards follow the syncs reads again on. `then` should keep its identity (useCallback).
 */
export function useSyncEnded(then: () => void): void {
  useEffect(
    () =>
      onEvent('sync.progress', (job) => {
        if (job.state !== 'running') then();
      }),
    [then],
  );
}
