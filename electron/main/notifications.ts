import type { ScreenId } from '../../shared/domain/screens';
import type { SyncJob } from '../../shared/domain/snapshot';

/** An OS notification and the screen a click on it opens. */
export interface DesktopNotice {
  title: string;
  body: string;
  screen: ScreenId;
}

/**
 * What a finished sync tells the admin when the window is not in front: a complete sync opens
 * the dashboard, a failed one the connections (where it is fixed). A cancel was the admin's own.
 */
export function noticeForSync(job: SyncJob): DesktopNotice | null {
  switch (job.state) {
    case 'complete': {
      const warnings =
        job.warnings === 0
          ? 'no warnings'
          : `${job.warnings.toLocaleString('en-US')} warning${job.warnings === 1 ? '' : 's'}`;
      return {
        title: `${job.connectionName} synced`,
        body: `The roster is read (${warnings}). Open the dashboard to see what needs fixing.`,
        screen: 'dashboard',
      };
    }
    case 'held':
      return {
        title: `Sync of ${job.connectionName} held for review`,
        body: `${job.error ?? 'Past its hold thresholds'}. Open Watch to accept or reject it.`,
        screen: 'watch',
      };
    case 'failed':
      return {
        title: `Sync of ${job.connectionName} failed`,
        body: `${job.error ?? 'Unknown error'}. The previous snapshot stays in use.`,
        screen: 'connections',
      };
    default:
      return null;
  }
}

/** Notifications are for when the admin is elsewhere: the window shows the rest itself. */
export function shouldNotify(window: { visible: boolean; focused: boolean } | null): boolean {
  return !window || !window.visible || !window.focused;
}
