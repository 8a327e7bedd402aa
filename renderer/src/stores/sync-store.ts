import { create } from 'zustand';
import type { RosterOverview } from '../../../shared/domain/roster-query';
import type { SyncJob } from '../../../shared/domain/snapshot';
import { errorMessage, invoke } from '../api/invoke';
import { useConnectionsStore } from './connections-store';
import { notify } from '../lib/notify';
import { onEvent, onReconnect } from '../api/events';

interface SyncState {
  jobs: SyncJob[];
  overview: RosterOverview | null;
  demoRunning: boolean;
  error: string | null;
  loadOverview(): Promise<void>;
  start(connectionId: string): Promise<void>;
  openDemo(): Promise<void>;
  stopDemo(): Promise<void>;
  cancel(jobId: string): Promise<void>;
}

/**
 * The host's list of jobs, read a moment ago, merged with what this screen tracked since: a job
 * started while the list was being read (a sync started from one screen while another screen
 * reloads the overview) is kept, and a job already seen ending is not set back to running.
 * Replacing the list would drop such a job, and its progress would then never end.
 */
function mergeJobs(listed: SyncJob[], tracked: SyncJob[]): SyncJob[] {
  const fromHost = listed
    .slice(-5)
    .reverse()
    .map((job) => {
      const mine = tracked.find((t) => t.jobId === job.jobId);
      return mine && mine.state !== 'running' && job.state === 'running' ? mine : job;
    });
  const since = tracked.filter((t) => !listed.some((job) => job.jobId === t.jobId));
  return [...since, ...fromHost].slice(0, 5);
}

/** Whether the job ended now, as this screen knew it (running, or not known yet). */
const endedNow = (before: SyncJob | undefined, job: SyncJob) =>
  job.state !== 'running' && (!before || before.state === 'running');

function announce(job: SyncJob): void {
  if (job.state === 'complete')
    notify(
      'success',
      `Synced ${job.connectionName}${job.warnings > 0 ? ` (${job.warnings} warnings)` : ''}`,
    );
  if (job.state === 'failed')
    notify('error', job.error ?? 'Sync failed', `Sync of ${job.connectionName} failed`);
  if (job.state === 'held') {
    notify(
      'error',
      job.error ?? 'Held for review',
      `Sync of ${job.connectionName} held for review`,
      {
        label: 'Review it on Watch',
        route: 'watch',
      },
    );
    // Also outside the page, when the admin allowed this site's notifications.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const n = new Notification(`RosterDesk: sync of ${job.connectionName} held for review`, {
        body: job.error ?? '',
      });
      n.onclick = () => {
        window.focus();
        window.location.hash = '#/watch';
      };
    }
  }
}

/** Syncs and what they produced; progress and ends arrive as sync.progress events. */
export const useSyncStore = create<SyncState>((set, get) => {
  /** A job as it stands now; a job already seen ending is not set back to running. */
  const upsert = (job: SyncJob): SyncJob | undefined => {
    const before = get().jobs.find((j) => j.jobId === job.jobId);
    const kept = before && before.state !== 'running' && job.state === 'running' ? before : job;
    set({
      jobs: [kept, ...get().jobs.filter((j) => j.jobId !== job.jobId)].slice(0, 5),
    });
    return before;
  };
  onEvent('sync.progress', (job) => {
    const before = upsert(job);
    if (endedNow(before, job)) {
      announce(job);
      void get().loadOverview();
    }
  });
  // After a drop of the event stream: the jobs and the overview as they stand.
  onReconnect(() => void get().loadOverview());
  const track = (job: SyncJob) => {
    // A sync of a connection made since the list was read (the demo's): read the list again.
    if (!useConnectionsStore.getState().connections.some((c) => c.id === job.connectionId))
      void useConnectionsStore.getState().load();
    upsert(job);
    set({ error: null });
  };
  return {
    jobs: [],
    overview: null,
    demoRunning: false,
    error: null,
    loadOverview: async () => {
      try {
        // The jobs first, then the overview: a sync that ends between the two reads then shows its
        // new snapshot. Read the other way round (or at once), a sync could be listed as ended with
        // the overview of the snapshot before it, and nothing would read the overview again (seen
        // when the dashboard opened while a sync it had not started was running).
        const jobs = await invoke('sync.jobs', {});
        const [overview, demo] = await Promise.all([
          invoke('roster.overview', {}),
          invoke('demo.status', {}),
        ]);
        const before = get().jobs;
        set({
          overview,
          demoRunning: demo.running,
          jobs: mergeJobs(jobs, before),
          error: null,
        });
        // An end missed while the event stream was down is said once, as it would have been.
        for (const job of jobs)
          if (
            before.some((b) => b.jobId === job.jobId && b.state === 'running') &&
            endedNow(undefined, job)
          )
            announce(job);
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    start: async (connectionId) => {
      try {
        track(await invoke('sync.start', { connectionId }));
      } catch (error) {
        notify('error', errorMessage(error), 'Sync not started');
      }
    },
    openDemo: async () => {
      try {
        const { jobId } = await invoke('demo.open', {});
        set({ demoRunning: true });
        track(await invoke('sync.status', { jobId }));
      } catch (error) {
        notify('error', errorMessage(error), 'The demo district could not start');
      }
    },
    stopDemo: async () => {
      await invoke('demo.stop', {});
      set({ demoRunning: false });
    },
    cancel: async (jobId) => {
      const job = await invoke('sync.cancel', { jobId });
      set({ jobs: get().jobs.map((j) => (j.jobId === jobId ? job : j)) });
    },
  };
});
