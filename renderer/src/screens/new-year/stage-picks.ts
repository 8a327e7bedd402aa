import type { StageRequest } from '../../../../shared/domain/change';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';

/** Stages the admin's picks in one call; says how many were staged and why any was not. */
export async function stagePicks(
  requests: StageRequest[],
  origin: 'NEW_YEAR' | 'RECLAIM',
): Promise<boolean> {
  if (requests.length === 0) return false;
  try {
    const { staged, refused } = await invoke('year.stage', { requests, origin });
    if (staged > 0)
      useChangesStore
        .getState()
        .staged(`Staged ${staged} change${staged === 1 ? '' : 's'} for approval`);
    if (refused.length > 0)
      notify(
        'error',
        refused
          .slice(0, 3)
          .map((r) => `${r.subject}: ${r.reason}`)
          .join(' '),
        `${refused.length} not staged`,
      );
    return staged > 0;
  } catch (error) {
    notify('error', errorMessage(error), 'Nothing staged');
    return false;
  }
}
