import type { LicenseEntry, LicenseImport, RowError } from '../../../shared/domain/license';
import type {
  PlatformAccount,
  PlatformTeacher,
  RosteringConnection,
} from '../../../shared/platform/platform-wire';
import type { Db } from '../db/open-database';

/**
 * Writes one license import in a transaction: its entries (with the platform's ids and versions
 * when pulled) and the platform's accounts; the last three imports are kept.
 */
export function insertImport(
  db: Db,
  meta: {
    source: string;
    errors: RowError[];
    connectionId?: string;
    seats?: number;
    seatsUsed?: number;
    studentSeatsUsed?: number;
    rostering?: RosteringConnection[];
  },
  entries: { entry: LicenseEntry; teacher: PlatformTeacher | null }[],
  accounts: PlatformAccount[],
): LicenseImport {
  const importedAt = new Date().toISOString();
  const id = db.transaction(() => {
    const importId = Number(
      db
        .prepare(
          `INSERT INTO license_imports (source, imported_at, entries, errors, connection_id, seats, seats_used, rostering, student_seats_used)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          meta.source,
          importedAt,
          entries.length,
          JSON.stringify(meta.errors),
          meta.connectionId ?? null,
          meta.seats ?? null,
          meta.seatsUsed ?? null,
          meta.rostering ? JSON.stringify(meta.rostering) : null,
          meta.studentSeatsUsed ?? null,
        ).lastInsertRowid,
    );
    const insert = db.prepare(
      `INSERT OR IGNORE INTO license_entries (import_id, email, given_name, family_name, status, invited_at,
         accepted_at, platform_id, version, source, roster_id, account_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { entry: e, teacher: t } of entries)
      insert.run(
        importId,
        e.email,
        e.givenName,
        e.familyName,
        e.status,
        e.invitedAt,
        e.acceptedAt,
        t?.id ?? null,
        t?.version ?? null,
        t?.source ?? null,
        t?.rosterId ?? null,
        t?.accountId ?? null,
      );
    const account = db.prepare(
      `INSERT INTO platform_accounts (import_id, id, role, email, given_name, family_name, provenance,
         roster_id, school_name, username, merged_into, version, created_at, account_number,
         created_by_name, created_by_email, class_label, last_active_at, work_records)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of accounts)
      account.run(
        importId,
        a.id,
        a.role,
        a.email,
        a.givenName,
        a.familyName,
        a.provenance,
        a.rosterId,
        a.schoolName,
        a.username,
        a.mergedInto,
        a.version,
        a.createdAt,
        a.accountNumber,
        a.createdBy?.name ?? null,
        a.createdBy?.email ?? null,
        a.classLabel,
        a.lastActiveAt,
        a.workRecords,
      );
    db.prepare(
      'DELETE FROM license_imports WHERE id < ? AND id NOT IN (SELECT id FROM license_imports ORDER BY id DESC LIMIT 3)',
    ).run(importId);
    return importId;
  })();
  return { id, source: meta.source, importedAt, entries: entries.length, errors: meta.errors };
}
