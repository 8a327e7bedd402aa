import type { AppServices } from '../../electron/core/app/app-services';
import type { SyncJob } from '../../shared/domain/snapshot';

/**
 * Waits until `done()` answers true, asking every `everyMs`, for `seconds` at most; past that it
 * throws naming `what`, so a hang fails the test with a reason instead of its timeout.
 */
export async function waitUntil(
  what: string,
  done: () => boolean,
  { seconds = 60, everyMs = 50 }: { seconds?: number; everyMs?: number } = {},
  /** Read again before each check (another process's state, say). */
  refresh?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (refresh) await refresh();
    if (done()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not end within ${seconds} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The sync job once it has ended (60 s at most). */
export async function syncEnded(
  services: Pick<AppServices, 'syncJobs'>,
  jobId: string,
  seconds = 60,
): Promise<SyncJob> {
  await waitUntil(`the sync ${jobId}`, () => services.syncJobs.get(jobId).state !== 'running', {
    seconds,
  });
  return services.syncJobs.get(jobId);
}

/** Until the push run is no longer running (60 s at most). */
export function pushEnded(services: Pick<AppServices, 'push'>, seconds = 60): Promise<void> {
  return waitUntil('the push', () => services.push.status()?.state !== 'running', {
    seconds,
    everyMs: 10,
  });
}
