import { buildStartHere, providerName } from '../../../shared/domain/start-here';
import type { StartHere } from '../../../shared/domain/start-here';
import type { ConnectionsService } from '../connections/connections-service';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import type { LicenseStore } from '../license/license-store';
import type { DiagnosticsService } from './diagnostics-service';
import type { ChangeStore } from '../changes/change-store';
import { progressOf } from '../changes/finding-progress';

/** The dashboard's "Start here": which snapshot and license are compared, and the problems in order. */
export async function startHere(services: {
  snapshots: SnapshotStore;
  connections: ConnectionsService;
  license: LicenseStore;
  diagnostics: DiagnosticsService;
  changes: ChangeStore;
  /** Seats nobody uses, when the license is over 95% used (the New school year screen's list). */
  reclaimNote?: () => StartHere['reclaim'];
}): Promise<StartHere> {
  const snapshot = services.snapshots.latestCurrent();
  const names = new Map(services.connections.list().map((c) => [c.id, c.name]));
  const choices = [...names.keys()].flatMap((id) => {
    const current = services.snapshots.current(id);
    return current
      ? [
          {
            connectionId: id,
            name: names.get(id) ?? id,
            sourceKind: current.sourceKind,
            syncedAt: current.finishedAt,
          },
        ]
      : [];
  });
  const reclaim = services.reclaimNote?.() ?? null;
  if (!snapshot) return { scope: null, choices, problems: [], reclaim };
  const license = services.license.current()?.import ?? null;
  const provider = providerName(snapshot.sourceKind);
  // Once per diagnostics run, change-set write and license import (and day: "resent today").
  const key = `${services.changes.version}|${license?.id ?? ''}|${provider}|${new Date().toDateString()}`;
  const problems = await services.diagnostics.fromFiling(key, (filed) => {
    const progress = progressOf(services.license, services.changes.open);
    return buildStartHere(
      filed,
      provider,
      (f) => progress.of(f),
      () => progress.resentWhen,
    );
  });
  return {
    scope: {
      connectionId: snapshot.connectionId,
      connectionName: names.get(snapshot.connectionId) ?? 'Removed connection',
      sourceKind: snapshot.sourceKind,
      syncedAt: snapshot.finishedAt,
      license: license ? `${license.source} (${license.entries} entries)` : null,
    },
    choices,
    problems,
    reclaim,
  };
}
