import type { LicenseEntry, LicenseImport, RowError } from '../../../shared/domain/license';
import type { Db } from '../db/open-database';

/** The license list beside the snapshots: the latest import is the current list. */
export class LicenseStore {
  constructor(private readonly db: Db) {}

  save(source: string, entries: LicenseEntry[], errors: RowError[]): LicenseImport {
    const importedAt = new Date().toISOString();
    const id = this.db.transaction(() => {
      const importId = Number(
        this.db
          .prepare(
            'INSERT INTO license_imports (source, imported_at, entries, errors) VALUES (?, ?, ?, ?)',
          )
          .run(source, importedAt, entries.length, JSON.stringify(errors)).lastInsertRowid,
      );
      const insert = this.db.prepare('INSERT INTO license_entries VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const e of entries)
        insert.run(
          importId,
          e.email,
          e.givenName,
          e.familyName,
          e.status,
          e.invitedAt,
          e.acceptedAt,
        );
      this.db
        .prepare(
          'DELETE FROM license_imports WHERE id < ? AND id NOT IN (SELECT id FROM license_imports ORDER BY id DESC LIMIT 3)',
        )
        .run(importId);
      return importId;
    })();
    return { id, source, importedAt, entries: entries.length, errors };
  }

  current(): { import: LicenseImport; entries: LicenseEntry[] } | null {
    const row = this.db.prepare('SELECT * FROM license_imports ORDER BY id DESC LIMIT 1').get() as
      | { id: number; source: string; imported_at: string; entries: number; errors: string }
      | undefined;
    if (!row) return null;
    const entries = (
      this.db
        .prepare('SELECT * FROM license_entries WHERE import_id = ? ORDER BY email')
        .all(row.id) as {
        email: string;
        given_name: string | null;
        family_name: string | null;
        status: 'invited' | 'active';
        invited_at: string | null;
        accepted_at: string | null;
      }[]
    ).map((e) => ({
      email: e.email,
      givenName: e.given_name,
      familyName: e.family_name,
      status: e.status,
      invitedAt: e.invited_at,
      acceptedAt: e.accepted_at,
    }));
    return {
      import: {
        id: row.id,
        source: row.source,
        importedAt: row.imported_at,
        entries: row.entries,
        errors: JSON.parse(row.errors) as RowError[],
      },
      entries,
    };
  }
}
