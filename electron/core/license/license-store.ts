import { z } from 'zod';
import { jsonColumn } from '../db/json-column';
import { APPLICATION_ID_SET } from '../../../shared/domain/change';
import type {
  LicenseEntry,
  LicenseImport,
  LicenseRow,
  LicenseView,
  RowError,
} from '../../../shared/domain/license';
import {
  accountFromColumns,
  rosteringConnectionSchema,
} from '../../../shared/platform/platform-wire';
import { rowErrorSchema } from '../../../shared/domain/license';
import type {
  AccountColumns,
  PlatformAccount,
  PlatformLicense,
  PlatformTeacher,
  RosteringConnection,
} from '../../../shared/platform/platform-wire';
import type { Db } from '../db/open-database';
import { recordSeats } from './seat-history';
import { insertImport } from './license-import-writer';

interface EntryRow {
  email: string;
  given_name: string | null;
  family_name: string | null;
  status: 'invited' | 'active';
  invited_at: string | null;
  accepted_at: string | null;
  platform_id: string | null;
  version: number | null;
  source: 'manual' | 'clever' | 'classlink' | null;
  roster_id: string | null;
  account_id: string | null;
}

interface ImportRow {
  id: number;
  source: string;
  imported_at: string;
  entries: number;
  errors: string;
  connection_id: string | null;
  seats: number | null;
  seats_used: number | null;
  rostering: string | null;
  student_seats_used: number | null;
}

const entryOf = (e: EntryRow): LicenseEntry => ({
  email: e.email,
  givenName: e.given_name,
  familyName: e.family_name,
  status: e.status,
  invitedAt: e.invited_at,
  acceptedAt: e.accepted_at,
});

const rowOf = (e: EntryRow, pending: string[]): LicenseRow => ({
  ...entryOf(e),
  platformId: e.platform_id,
  version: e.version,
  source: e.source,
  rosterId: e.roster_id,
  accountId: e.account_id,
  pending,
});

const importOf = (row: ImportRow): LicenseImport => ({
  id: row.id,
  source: row.source,
  importedAt: row.imported_at,
  entries: row.entries,
  errors: jsonColumn(z.array(rowErrorSchema), row.errors, []),
});

export interface LicenseQuery {
  search?: string | undefined;
  status?: 'invited' | 'active' | undefined;
  source?: 'manual' | 'clever' | 'classlink' | undefined;
  offset: number;
  limit: number;
}

/** The license in use with its entries (read once per change, see current()). */
type CurrentLicense = { import: LicenseImport; entries: LicenseEntry[] };

/**
 * The license list beside the snapshots: the latest import is the current list. An import is a
 * license export CSV or a pull from the platform API (then with ids, versions, provenance and
 * the platform's accounts).
 */
export class LicenseStore {
  constructor(private readonly db: Db) {}

  save(source: string, entries: LicenseEntry[], errors: RowError[]): LicenseImport {
    return insertImport(
      this.db,
      { source, errors },
      entries.map((e) => ({ entry: e, teacher: null })),
      [],
    );
  }

  savePlatform(
    connectionId: string,
    license: PlatformLicense,
    teachers: PlatformTeacher[],
    accounts: PlatformAccount[],
  ): LicenseImport {
    recordSeats(this.db, connectionId, license, accounts);
    return insertImport(
      this.db,
      {
        source: `Platform: ${license.name}`,
        errors: [],
        connectionId,
        seats: license.seats,
        seatsUsed: license.seatsUsed,
        studentSeatsUsed: license.studentSeatsUsed,
        // Whether the platform has an Application ID, never its value (the help center calls it a secret).
        rostering: license.connections.map((c) => ({
          ...c,
          applicationId: c.applicationId === null ? null : APPLICATION_ID_SET,
        })),
      },
      teachers.map((t) => ({
        entry: {
          email: t.email,
          givenName: t.givenName,
          familyName: t.familyName,
          status: t.status,
          invitedAt: t.invitedAt,
          acceptedAt: t.acceptedAt,
        },
        teacher: t,
      })),
      accounts,
    );
  }

  private latest(): ImportRow | null {
    return (
      (this.db.prepare('SELECT * FROM license_imports ORDER BY id DESC LIMIT 1').get() as
        ImportRow | undefined) ?? null
    );
  }

  /**
   * The current list. Read once and kept until another list is saved: the dashboard asks for it
   * from several calls at once, and a district's list is large.
   */
  current(): CurrentLicense | null {
    const row = this.latest();
    if (!row) return null;
    // An import's entries never change once saved (a new list is a new import): its id and time
    // name it. Keyed on total_changes before, every write of a sync beside it reloaded the list.
    const key = `${row.id}|${row.imported_at}`;
    if (this.cache?.key === key) return this.cache.value;
    const entries = (
      this.db
        .prepare('SELECT * FROM license_entries WHERE import_id = ? ORDER BY email')
        .all(row.id) as EntryRow[]
    ).map(entryOf);
    const value = { import: importOf(row), entries };
    this.cache = { key, value };
    return value;
  }

  private cache: { key: string; value: CurrentLicense } | null = null;
  private byEmailCache: { key: string; value: Map<string, LicenseRow> } | null = null;

  /** The platform connection the current list was pulled from, or null for a CSV import. */
  platformConnectionId(): string | null {
    return this.latest()?.connection_id ?? null;
  }

  rostering(): RosteringConnection[] {
    const raw = this.latest()?.rostering;
    return jsonColumn(z.array(rosteringConnectionSchema), raw ?? null, []);
  }

  view(
    q: LicenseQuery,
    pendingOf: (platformId: string | null, email: string) => string[],
  ): LicenseView {
    const row = this.latest();
    if (!row)
      return {
        import: null,
        fromPlatform: false,
        seats: null,
        seatsUsed: null,
        rostering: [],
        total: 0,
        rows: [],
      };
    const where = ['import_id = ?'];
    const args: (string | number)[] = [row.id];
    const search = q.search?.trim().toLowerCase();
    if (search) {
      where.push(
        "(lower(email) LIKE ? ESCAPE '\\' OR lower(coalesce(given_name, '') || ' ' || coalesce(family_name, '')) LIKE ? ESCAPE '\\')",
      );
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.source) {
      where.push('source = ?');
      args.push(q.source);
    }
    const clause = where.join(' AND ');
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM license_entries WHERE ${clause}`).get(...args) as {
        n: number;
      }
    ).n;
    const rows = (
      this.db
        .prepare(`SELECT * FROM license_entries WHERE ${clause} ORDER BY email LIMIT ? OFFSET ?`)
        .all(...args, q.limit, q.offset) as EntryRow[]
    ).map((e) => rowOf(e, pendingOf(e.platform_id, e.email)));
    return {
      import: importOf(row),
      fromPlatform: row.connection_id !== null,
      seats: row.seats,
      seatsUsed: row.seats_used,
      rostering: jsonColumn(z.array(rosteringConnectionSchema), row.rostering, []),
      total,
      rows,
    };
  }

  /** One entry of the current pulled list, by platform id. */
  teacher(platformId: string): LicenseRow | null {
    const row = this.latest();
    if (!row) return null;
    const e = this.db
      .prepare('SELECT * FROM license_entries WHERE import_id = ? AND platform_id = ?')
      .get(row.id, platformId) as EntryRow | undefined;
    return e ? rowOf(e, []) : null;
  }

  /**
   * Every teacher of the list in use by trimmed, lower-case email (the first entry of an email, in
   * the table's order): one read per list, then every lookup (teacherByEmail too) is a map's.
   */
  teachersByEmail(): Map<string, LicenseRow> {
    const row = this.latest();
    if (!row) return new Map();
    const key = `${row.id}|${row.imported_at}`;
    if (this.byEmailCache?.key === key) return this.byEmailCache.value;
    const byEmail = new Map<string, LicenseRow>();
    // Keyed as SQLite folds them (lower and trim), as the lookups always compared.
    for (const e of this.db
      .prepare('SELECT *, lower(trim(email)) AS email_key FROM license_entries WHERE import_id = ?')
      .all(row.id) as (EntryRow & { email_key: string })[])
      if (!byEmail.has(e.email_key)) byEmail.set(e.email_key, rowOf(e, []));
    this.byEmailCache = { key, value: byEmail };
    return byEmail;
  }

  teacherByEmail(email: string): LicenseRow | null {
    return this.teachersByEmail().get(email.trim().toLowerCase()) ?? null;
  }

  /** When the list in use was imported, and the student seats the platform said it used. */
  importInfo(): { importedAt: string; studentSeatsUsed: number | null } | null {
    const row = this.latest();
    return row ? { importedAt: row.imported_at, studentSeatsUsed: row.student_seats_used } : null;
  }

  /** Seats on the license and seats used, as last pulled; null for a CSV import. */
  seatCounts(): { seats: number; used: number } | null {
    const row = this.latest();
    if (row?.seats === null || row?.seats === undefined || row.seats_used === null) return null;
    return { seats: row.seats, used: row.seats_used };
  }

  seatsFree(): number | null {
    const row = this.latest();
    if (row?.seats === null || row?.seats === undefined || row.seats_used === null) return null;
    return Math.max(0, row.seats - row.seats_used);
  }

  /** Seats (license entries) one platform account holds in the current list. */
  /** The platform ids of the license entries of one account (as last pulled). */
  teacherIdsOfAccount(accountId: string): string[] {
    const row = this.latest();
    if (!row) return [];
    return this.db
      .prepare(
        'SELECT platform_id FROM license_entries WHERE import_id = ? AND account_id = ? AND platform_id IS NOT NULL',
      )
      .pluck()
      .all(row.id, accountId) as string[];
  }

  seatsHeldBy(accountId: string): number {
    const row = this.latest();
    if (!row) return 0;
    return this.db
      .prepare('SELECT count(*) FROM license_entries WHERE import_id = ? AND account_id = ?')
      .pluck()
      .get(row.id, accountId) as number;
  }

  /** Seats (license entries) each platform account holds in the current list. */
  seatsHeld(): Map<string, number> {
    const row = this.latest();
    if (!row) return new Map();
    const rows = this.db
      .prepare(
        'SELECT account_id, count(*) AS n FROM license_entries WHERE import_id = ? AND account_id IS NOT NULL GROUP BY account_id',
      )
      .all(row.id) as { account_id: string; n: number }[];
    return new Map(rows.map((r) => [r.account_id, r.n]));
  }

  accounts(): PlatformAccount[] {
    const row = this.latest();
    if (!row) return [];
    return (
      this.db
        .prepare('SELECT * FROM platform_accounts WHERE import_id = ? ORDER BY id')
        .all(row.id) as AccountColumns[]
    ).map(accountFromColumns);
  }

  /** One account of the current pull, by platform id. */
  account(id: string): PlatformAccount | null {
    const row = this.latest();
    if (!row) return null;
    const a = this.db
      .prepare('SELECT * FROM platform_accounts WHERE import_id = ? AND id = ?')
      .get(row.id, id) as AccountColumns | undefined;
    return a ? accountFromColumns(a) : null;
  }
}
