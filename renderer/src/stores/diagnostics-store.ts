import { create } from 'zustand';
import type {
  FindingsSummary,
  SnapshotDiff,
  SyncPreview,
} from '../../../shared/domain/diagnostics-views';
import type { SchoolCounts } from '../../../shared/domain/snapshot';
import type { StartHere } from '../../../shared/domain/start-here';
import { errorMessage, invoke } from '../api/invoke';

interface DiagnosticsState {
  summary: FindingsSummary | null;
  preview: SyncPreview | null;
  /** The preview is still being worked out (it settles after the findings). */
  previewPending: boolean;
  diff: SnapshotDiff | null;
  schools: SchoolCounts[];
  startHere: StartHere | null;
  error: string | null;
  /** The user whose report is open, if any. */
  reportUser: string | null;
  load(): Promise<void>;
  openUser(sourcedId: string | null): void;
}

/** Loads started, so only the latest one's answers are kept. */
let loads = 0;

export const useDiagnosticsStore = create<DiagnosticsState>((set) => ({
  summary: null,
  preview: null,
  previewPending: false,
  diff: null,
  schools: [],
  startHere: null,
  error: null,
  reportUser: null,
  load: async () => {
    // A later load (a sync just completed) supersedes an earlier one still running: an answer about
    // the previous snapshot must not land after, and replace, the answer about the current one.
    const mine = ++loads;
    const current = () => mine === loads;
    // The preview comes after the findings (seconds later in a large district): it never holds
    // them back, and its card says it is being worked out meanwhile.
    set({ previewPending: true });
    void invoke('diagnostics.preview', {}).then(
      (preview) => current() && set({ preview, previewPending: false }),
      (error: unknown) => current() && set({ previewPending: false, error: errorMessage(error) }),
    );
    // So is what changed since the previous sync (seconds of comparing two large snapshots): its
    // card appears when it is known, and an older comparison is never shown meanwhile.
    set({ diff: null });
    void invoke('snapshots.diff', {}).then(
      (diff) => current() && set({ diff }),
      (error: unknown) => current() && set({ error: errorMessage(error) }),
    );
    try {
      const [summary, schools, startHere] = await Promise.all([
        invoke('diagnostics.summary', {}),
        invoke('roster.schools', {}),
        invoke('diagnostics.startHere', {}),
      ]);
      if (current()) set({ summary, schools, startHere, error: null });
    } catch (error) {
      if (current()) set({ error: errorMessage(error) });
    }
  },
  openUser: (sourcedId) => set({ reportUser: sourcedId }),
}));
