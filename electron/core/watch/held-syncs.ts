import type { HeldSync } from '../../../shared/domain/watch';
import type { AuditLog } from '../changes/audit-log';
import type { ConnectionsService } from '../connections/connections-service';
import type { SnapshotStore } from '../snapshot/snapshot-store';

/**
 * Syncs held for review: what the held screen lists, and the admin's two answers. Accept makes
 * the snapshot current as if it had not been held; reject discards it and the current one stays.
 * Both are written to the audit log with what the review said.
 */
export class HeldSyncs {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly audit: AuditLog,
    private readonly connections: Pick<ConnectionsService, 'list'>,
  ) {}

  list(): HeldSync[] {
    const names = new Map(this.connections.list().map((c) => [c.id, c.name]));
    return this.snapshots.held().flatMap((h) =>
      h.review
        ? [
            {
              snapshotId: h.snapshotId,
              connectionId: h.connectionId,
              connectionName: names.get(h.connectionId) ?? 'Removed connection',
              heldAt: h.heldAt,
              review: h.review,
            },
          ]
        : [],
    );
  }

  accept(snapshotId: number): HeldSync | null {
    const held = this.list().find((h) => h.snapshotId === snapshotId) ?? null;
    this.snapshots.acceptHeld(snapshotId);
    this.audit.append({
      changeId: null,
      action: 'sync-accepted',
      summary: `Held sync ${snapshotId} of ${held?.connectionName ?? 'a connection'} accepted: it is current now (${held?.review.reasons.join('; ') ?? ''})`,
    });
    return held;
  }

  reject(snapshotId: number): HeldSync | null {
    const held = this.list().find((h) => h.snapshotId === snapshotId) ?? null;
    this.snapshots.rejectHeld(snapshotId);
    this.audit.append({
      changeId: null,
      action: 'sync-rejected',
      summary: `Held sync ${snapshotId} of ${held?.connectionName ?? 'a connection'} rejected and discarded; the current snapshot stays (${held?.review.reasons.join('; ') ?? ''})`,
    });
    return held;
  }
}
