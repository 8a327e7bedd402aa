import { create } from 'zustand';
import type { ChangeList, PushProgress } from '../../../shared/domain/change';
import { errorMessage, invoke } from '../api/invoke';
import { notify } from '../lib/notify';
import { onEvent, onReconnect } from '../api/events';
import { useAppStatusStore } from './app-status-store';
import { useDiagnosticsStore } from './diagnostics-store';

interface ChangesState {
  counts: Record<string, number>;
  /** Open merges and email changes resting on a rule weaker than an exact match. */
  weakerMatches: number;
  push: PushProgress | null;
  /** Bumped after every change to the change set, so lists reload. */
  version: number;
  refresh(): Promise<void>;
  approve(ids: string[] | 'all'): Promise<void>;
  discard(ids: string[]): Promise<void>;
  retry(ids: string[]): Promise<void>;
  unapprove(ids: string[]): Promise<void>;
  restage(id: string): Promise<void>;
  startPush(): Promise<void>;
  cancelPush(): Promise<void>;
  /** Called after anything staged a change elsewhere (dashboard, License screen). */
  staged(message: string): void;
}

/** The change set's counts and the push's progress, kept current by push.progress and changes.count events. */
export const useChangesStore = create<ChangesState>((set, get) => {
  onEvent('push.progress', (push) => {
    const was = get().push;
    set({ push });
    if (was?.state === 'running' && push.state !== 'running') {
      if (push.state === 'completed')
        notify(
          push.rejected + push.conflicts > 0 ? 'error' : 'success',
          `Push finished: ${push.applied} applied, ${push.rejected} rejected, ${push.conflicts} conflicts`,
        );
      else notify('error', push.error ?? `Push ${push.state}`, `Push ${push.state}`);
      void (async () => {
        await get().refresh();
        await useDiagnosticsStore.getState().load();
        // A push resumed at start is reported in the startup notices: they follow its outcome.
        await useAppStatusStore.getState().load();
      })();
    }
  });
  onEvent('changes.count', ({ counts, weakerMatches }) =>
    set({ counts, weakerMatches, version: get().version + 1 }),
  );
  onEvent('notice', ({ level, title, message }) =>
    notify(level === 'info' ? 'success' : 'error', message, title),
  );
  onReconnect(() => void get().refresh());
  /**
   * A reply's push, unless an event already told this run's end: a reply can arrive after the
   * events of a short run, and must not set it back to running (no event would follow).
   */
  const fromReply = (push: PushProgress | null) => {
    const now = get().push;
    if (
      push &&
      now &&
      now.runId === push.runId &&
      now.state !== 'running' &&
      push.state === 'running'
    )
      return;
    set({ push });
  };
  const act = async (run: () => Promise<{ count: number }>, verb: string) => {
    try {
      const { count } = await run();
      notify('success', `${verb} ${count} change${count === 1 ? '' : 's'}`);
    } catch (error) {
      notify('error', errorMessage(error));
    }
    await get().refresh();
  };
  return {
    counts: {},
    weakerMatches: 0,
    push: null,
    version: 0,
    refresh: async () => {
      try {
        const [list, push]: [ChangeList, PushProgress | null] = await Promise.all([
          invoke('changes.list', { limit: 1 }),
          invoke('push.status', {}),
        ]);
        set({
          counts: list.counts,
          weakerMatches: list.weakerMatches,
          version: get().version + 1,
        });
        fromReply(push);
      } catch (error) {
        notify('error', errorMessage(error));
      }
    },
    approve: (ids) => act(() => invoke('changes.approve', { ids }), 'Approved'),
    discard: (ids) => act(() => invoke('changes.discard', { ids }), 'Discarded'),
    retry: (ids) => act(() => invoke('changes.retry', { ids }), 'Put back in the outbox'),
    unapprove: (ids) =>
      act(() => invoke('changes.unapprove', { ids }), 'Back to staged (not approved):'),
    restage: (id) =>
      act(
        () => invoke('changes.restage', { id }).then(() => ({ count: 1 })),
        "Staged again on the platform's version:",
      ),
    startPush: async () => {
      try {
        const push = await invoke('push.start', {});
        fromReply(push);
        if (push.queued)
          notify(
            'info',
            'A push is finishing; the changes approved since will be sent right after it.',
            'Push queued',
          );
      } catch (error) {
        notify('error', errorMessage(error), 'Push not started');
      }
    },
    cancelPush: async () => {
      fromReply(await invoke('push.cancel', {}));
    },
    staged: (message) => {
      notify('success', message, undefined, { label: 'Open Changes', route: 'changes' });
      void get().refresh();
    },
  };
});
