import fs from 'node:fs';
import path from 'node:path';
import type { SyncJob } from '../../../shared/domain/snapshot';
import type { SyncDigest } from '../../../shared/domain/watch';
import type { ConnectionsService } from '../connections/connections-service';
import type { Db } from '../db/open-database';
import type { LicenseStore } from '../license/license-store';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import { teacherChanges } from '../snapshot/teacher-changes';
import { PROVENANCE_LABEL } from '../../../shared/platform/platform-wire';

const name = (t: { givenName: string; familyName: string }) =>
  `${t.givenName} ${t.familyName}`.trim();
const day = (iso: string | null) => iso?.slice(0, 10) ?? 'an earlier sync';

/**
 * What the last sync of a connection changed for the license, against its previous current
 * snapshot: teachers who arrived (and which are not on the license), licensed teachers the roster
 * no longer sends, emails the source changed (the platform account must follow, or the teacher
 * loses their classes), and problems that appeared or went away. Each item carries the change it
 * proposes; nothing is staged or removed by itself. Null before a connection's second sync.
 */
export function syncDigest(
  deps: {
    db: Db;
    snapshots: SnapshotStore;
    license: LicenseStore;
    connections: Pick<ConnectionsService, 'list'>;
  },
  connectionId: string,
): SyncDigest | null {
  const current = deps.snapshots.current(connectionId);
  if (!current) return null;
  const previous = deps.snapshots
    .list(connectionId)
    .find((s) => s.status === 'complete' && s.id < current.id && !deps.snapshots.isHeld(s.id));
  if (!previous) return null;
  const changes = teacherChanges(deps.db, previous.id, current.id);
  const points = new Map(deps.snapshots.history.list(connectionId).map((p) => [p.snapshotId, p]));
  const before = points.get(previous.id)?.findings ?? {};
  const after = points.get(current.id)?.findings ?? {};
  const problems = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((code) => ({ code, before: before[code] ?? 0, after: after[code] ?? 0 }))
    .filter((p) => p.before !== p.after)
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  return {
    connectionId,
    connectionName:
      deps.connections.list().find((c) => c.id === connectionId)?.name ?? 'Removed connection',
    snapshotId: current.id,
    syncedAt: current.finishedAt,
    previous: { snapshotId: previous.id, syncedAt: previous.finishedAt },
    arrivals: changes.arrivals.map((t) => {
      const onLicense = !!t.email && deps.license.teacherByEmail(t.email) !== null;
      return {
        sourcedId: t.sourcedId,
        name: name(t),
        email: t.email,
        onLicense,
        stage:
          onLicense || !t.email
            ? null
            : {
                kind: 'invite' as const,
                email: t.email,
                givenName: t.givenName,
                familyName: t.familyName,
              },
      };
    }),
    // Only licensed teachers: a leaver who holds no seat needs nothing here.
    leavers: changes.leavers.flatMap((t) => {
      const entry = t.email ? deps.license.teacherByEmail(t.email) : null;
      if (!entry?.platformId) return [];
      return [
        {
          sourcedId: t.sourcedId,
          name: name(t),
          email: t.email,
          lastSeen: previous.finishedAt,
          seats: 1,
          stage: { kind: 'remove' as const, teacherId: entry.platformId },
        },
      ];
    }),
    emailChanges: changes.emailChanges.map((t) => {
      const entry = t.from ? deps.license.teacherByEmail(t.from) : null;
      // A rostered account takes its email from the rostering service (the platform refuses an
      // edit of it); an invitation or a manual account must be changed here.
      const rostered =
        entry?.source && entry.source !== 'manual' ? PROVENANCE_LABEL[entry.source] : null;
      return {
        sourcedId: t.sourcedId,
        name: name(t),
        email: t.email,
        from: t.from,
        onLicense: !!entry,
        note: !entry
          ? 'Not on the license at the old address: nothing to change'
          : rostered
            ? `Rostered by ${rostered}: the platform account takes the new email from ${rostered}'s next sync to the platform; nothing to push from here`
            : null,
        stage:
          entry?.platformId && t.email && !rostered
            ? {
                kind: 'change-email' as const,
                teacherId: entry.platformId,
                email: t.email,
                origin: 'SYNC_DIGEST',
                evidence: [
                  `The roster now sends ${t.email} for ${name(t)} (sourcedId ${t.sourcedId}) instead of ${t.from ?? 'no email'}: changed at the source between the sync of ${day(previous.finishedAt)} and the sync of ${day(current.finishedAt)}`,
                ],
              }
            : null,
      };
    }),
    problems,
    totals: changes.totals,
  };
}

/**
 * Writes a scheduled sync's outcome and digest as JSON into `folder` (private to the user), for
 * districts that feed their own monitoring; returns the file's path.
 */
export function writeDigestFile(
  folder: string,
  job: Pick<
    SyncJob,
    'jobId' | 'connectionId' | 'connectionName' | 'state' | 'finishedAt' | 'error' | 'snapshotId'
  >,
  digest: SyncDigest | null,
): string {
  fs.mkdirSync(folder, { recursive: true });
  const stamp = (job.finishedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
  const file = path.join(folder, `rosterdesk-digest-${stamp}-${job.jobId.slice(0, 8)}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ sync: { connection: job.connectionName, state: job.state, snapshotId: job.snapshotId, finishedAt: job.finishedAt, error: job.error }, changes: digest }, null, 2)}\n`,
    { mode: 0o600 },
  );
  return file;
}
