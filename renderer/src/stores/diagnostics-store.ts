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
  diff: SnapshotDiff | null;
  schools: SchoolCounts[];
  startHere: StartHere | null;
  error: string | null;
  /** The user whose report is open, if any. */
  reportUser: string | null;
  load(): Promise<void>;
  openUser(sourcedId: string | null): void;
}

export const useDiagnosticsStore = create<DiagnosticsState>((set) => ({
  summary: null,
  preview: null,
  diff: null,
  schools: [],
  startHere: null,
  error: null,
  reportUser: null,
  load: async () => {
    try {
      const [summary, schools, preview, diff, startHere] = await Promise.all([
        invoke('diagnostics.summary', {}),
        invoke('roster.schools', {}),
        invoke('diagnostics.preview', {}),
        invoke('snapshots.diff', {}),
        invoke('diagnostics.startHere', {}),
      ]);
      set({ summary, schools, preview, diff, startHere, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  openUser: (sourcedId) => set({ reportUser: sourcedId }),
}));
