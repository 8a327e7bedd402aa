import Database from 'better-sqlite3';
import { normalizeEmail } from '../../shared/matching/normalize';
import { accountFromColumns } from '../../shared/platform/platform-wire';
import { PlatformLedger } from './platform-ledger';
import type { AppliedEvent, LedgerEntry } from './platform-ledger';
import type {
  AccountColumns,
  PlatformAccount,
  PlatformLicense,
  PlatformTeacher,
  Provenance,
  RosteringConnection,
} from '../../shared/platform/platform-wire';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS license (id TEXT PRIMARY KEY, name TEXT NOT NULL, seats INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS connections (
  id TEXT PRIMARY KEY, provider TEXT NOT NULL, name TEXT NOT NULL, application_id TEXT);
CREATE TABLE IF NOT EXISTS teachers (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, email TEXT NOT NULL, email_key TEXT NOT NULL UNIQUE,
  given_name TEXT, family_name TEXT, status TEXT NOT NULL, invited_at TEXT NOT NULL, accepted_at TEXT,
  source TEXT NOT NULL, roster_id TEXT, account_id TEXT, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, role TEXT NOT NULL, email TEXT,
  given_name TEXT, family_name TEXT, provenance TEXT NOT NULL, roster_id TEXT,
  school_name TEXT, username TEXT, merged_into TEXT, version INTEGER NOT NULL, created_at TEXT NOT NULL,
  account_number TEXT, created_by_name TEXT, created_by_email TEXT, class_label TEXT,
  last_active_at TEXT, work_records INTEGER NOT NULL DEFAULT 0, removed_at TEXT);
CREATE TABLE IF NOT EXISTS ledger (
  key TEXT PRIMARY KEY, method TEXT NOT NULL, path TEXT NOT NULL, body_hash TEXT NOT NULL,
  status INTEGER NOT NULL, headers TEXT NOT NULL, response TEXT NOT NULL, request_id TEXT NOT NULL,
  at TEXT NOT NULL, replays INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, op TEXT NOT NULL, target TEXT NOT NULL,
  detail TEXT NOT NULL, at TEXT NOT NULL);
`;

export interface TeacherRow {
  n: number;
  id: string;
  email: string;
  given_name: string | null;
  family_name: string | null;
  status: 'invited' | 'active';
  invited_at: string;
  accepted_at: string | null;
  source: Provenance;
  roster_id: string | null;
  account_id: string | null;
  version: number;
}

type AccountRow = AccountColumns & { n: number; removed_at: string | null };

export type { AppliedEvent, LedgerEntry, LedgerRow } from './platform-ledger';

export const teacherWire = (t: TeacherRow): PlatformTeacher => ({
  id: t.id,
  email: t.email,
  givenName: t.given_name,
  familyName: t.family_name,
  status: t.status,
  invitedAt: t.invited_at,
  acceptedAt: t.accepted_at,
  source: t.source,
  rosterId: t.roster_id,
  accountId: t.account_id,
  version: t.version,
});

export type NewTeacher = Omit<TeacherRow, 'n' | 'id' | 'version'>;
export type NewAccount = Omit<
  AccountRow,
  | 'n'
  | 'id'
  | 'version'
  | 'merged_into'
  | 'removed_at'
  | 'account_number'
  | 'created_by_name'
  | 'created_by_email'
  | 'class_label'
  | 'last_active_at'
  | 'work_records'
> &
  Partial<
    Pick<
      AccountRow,
      | 'account_number'
      | 'created_by_name'
      | 'created_by_email'
      | 'class_label'
      | 'last_active_at'
      | 'work_records'
    >
  >;

/** The sandbox platform's own SQLite file: the license, teachers, accounts, and the idempotency ledger. */
export class PlatformStore {
  readonly db: Database.Database;
  /** The idempotency ledger and the changes that took effect, in the same file. */
  readonly idempotency: PlatformLedger;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // A platform file from before manual student accounts: the stand-in starts over (re-seeded).
    const columns = (this.db.pragma('table_info(accounts)') as { name: string }[]).map(
      (c) => c.name,
    );
    if (columns.length > 0 && !columns.includes('work_records'))
      this.db.exec(
        'DROP TABLE IF EXISTS license; DROP TABLE IF EXISTS connections; DROP TABLE IF EXISTS teachers; DROP TABLE IF EXISTS accounts; DROP TABLE IF EXISTS ledger; DROP TABLE IF EXISTS events;',
      );
    this.db.exec(SCHEMA);
    this.idempotency = new PlatformLedger(this.db);
  }

  close(): void {
    this.db.close();
  }

  get seeded(): boolean {
    return this.db.prepare('SELECT 1 FROM license LIMIT 1').get() !== undefined;
  }

  license(id: string): PlatformLicense | null {
    const row = this.db.prepare('SELECT * FROM license WHERE id = ?').get(id) as
      { id: string; name: string; seats: number } | undefined;
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      seats: row.seats,
      seatsUsed: this.seats().used,
      studentSeatsUsed: this.studentSeatsUsed(),
      connections: this.connections(),
    };
  }

  connections(): RosteringConnection[] {
    return (
      this.db.prepare('SELECT * FROM connections ORDER BY id').all() as {
        id: string;
        provider: 'clever' | 'classlink';
        name: string;
        application_id: string | null;
      }[]
    ).map((c) => ({
      id: c.id,
      provider: c.provider,
      name: c.name,
      applicationId: c.application_id,
    }));
  }

  setApplicationId(connectionId: string, applicationId: string): RosteringConnection | null {
    const changed = this.db
      .prepare('UPDATE connections SET application_id = ? WHERE id = ?')
      .run(applicationId, connectionId).changes;
    return changed ? (this.connections().find((c) => c.id === connectionId) ?? null) : null;
  }

  teachersPage(
    afterN: number,
    limit: number,
    status?: string,
  ): { rows: TeacherRow[]; more: boolean } {
    const rows = (
      status
        ? this.db
            .prepare('SELECT * FROM teachers WHERE n > ? AND status = ? ORDER BY n LIMIT ?')
            .all(afterN, status, limit + 1)
        : this.db
            .prepare('SELECT * FROM teachers WHERE n > ? ORDER BY n LIMIT ?')
            .all(afterN, limit + 1)
    ) as TeacherRow[];
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  accountsPage(
    afterN: number,
    limit: number,
  ): { rows: PlatformAccount[]; last: number; more: boolean } {
    const rows = this.db
      .prepare('SELECT * FROM accounts WHERE n > ? AND removed_at IS NULL ORDER BY n LIMIT ?')
      .all(afterN, limit + 1) as AccountRow[];
    const page = rows.slice(0, limit);
    return {
      rows: page.map(accountFromColumns),
      last: page.at(-1)?.n ?? afterN,
      more: rows.length > limit,
    };
  }

  teacher(id: string): TeacherRow | null {
    return (
      (this.db.prepare('SELECT * FROM teachers WHERE id = ?').get(id) as TeacherRow | undefined) ??
      null
    );
  }

  teacherByEmail(email: string): TeacherRow | null {
    return (
      (this.db.prepare('SELECT * FROM teachers WHERE email_key = ?').get(normalizeEmail(email)) as
        TeacherRow | undefined) ?? null
    );
  }

  account(id: string): PlatformAccount | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as
      AccountRow | undefined;
    return row ? accountFromColumns(row) : null;
  }

  /** Student accounts holding a seat: rostered ones and old manual ones not merged or removed. */
  studentSeatsUsed(): number {
    return this.db
      .prepare(
        "SELECT count(*) FROM accounts WHERE role = 'student' AND merged_into IS NULL AND removed_at IS NULL",
      )
      .pluck()
      .get() as number;
  }

  removed(id: string): boolean {
    return this.db.prepare('SELECT removed_at FROM accounts WHERE id = ?').pluck().get(id) !== null;
  }

  /** Removes an old manual account: its seat is freed, its work records are erased with it. */
  removeAccount(id: string): PlatformAccount {
    this.db
      .prepare('UPDATE accounts SET removed_at = ?, version = version + 1 WHERE id = ?')
      .run(new Date().toISOString(), id);
    return this.account(id) as PlatformAccount;
  }

  seats(): { seats: number; used: number } {
    const seats = (
      this.db.prepare('SELECT seats FROM license LIMIT 1').get() as { seats: number } | undefined
    )?.seats;
    const used = (this.db.prepare('SELECT count(*) AS n FROM teachers').get() as { n: number }).n;
    return { seats: seats ?? 0, used };
  }

  insertTeacher(t: NewTeacher): TeacherRow {
    const n = Number(
      this.db
        .prepare(
          `INSERT INTO teachers (id, email, email_key, given_name, family_name, status, invited_at,
             accepted_at, source, roster_id, account_id, version)
           VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          t.email,
          normalizeEmail(t.email),
          t.given_name,
          t.family_name,
          t.status,
          t.invited_at,
          t.accepted_at,
          t.source,
          t.roster_id,
          t.account_id,
        ).lastInsertRowid,
    );
    const id = `t_${n}`;
    this.db.prepare('UPDATE teachers SET id = ? WHERE n = ?').run(id, n);
    return this.teacher(id) as TeacherRow;
  }

  insertAccount(a: NewAccount): PlatformAccount {
    const n = Number(
      this.db
        .prepare(
          `INSERT INTO accounts (id, role, email, given_name, family_name, provenance, roster_id,
             school_name, username, merged_into, version, created_at, account_number, created_by_name,
             created_by_email, class_label, last_active_at, work_records)
           VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          a.role,
          a.email,
          a.given_name,
          a.family_name,
          a.provenance,
          a.roster_id,
          a.school_name,
          a.username,
          a.created_at,
          a.account_number ?? null,
          a.created_by_name ?? null,
          a.created_by_email ?? null,
          a.class_label ?? null,
          a.last_active_at ?? null,
          a.work_records ?? 0,
        ).lastInsertRowid,
    );
    const id = `a_${n}`;
    this.db.prepare('UPDATE accounts SET id = ? WHERE n = ?').run(id, n);
    return this.account(id) as PlatformAccount;
  }

  updateTeacherEmail(id: string, email: string): TeacherRow {
    this.db
      .prepare('UPDATE teachers SET email = ?, email_key = ?, version = version + 1 WHERE id = ?')
      .run(email, normalizeEmail(email), id);
    const t = this.teacher(id) as TeacherRow;
    if (t.account_id)
      this.db
        .prepare('UPDATE accounts SET email = ?, version = version + 1 WHERE id = ?')
        .run(email, t.account_id);
    return t;
  }

  deleteTeacher(id: string): void {
    this.db.prepare('DELETE FROM teachers WHERE id = ?').run(id);
  }

  /** Marks the manual account merged and frees the seats it held. */
  mergeAccount(fromId: string, intoId: string): { merged: PlatformAccount; seatsFreed: number } {
    this.db
      .prepare('UPDATE accounts SET merged_into = ?, version = version + 1 WHERE id = ?')
      .run(intoId, fromId);
    const from = this.account(fromId);
    // A student account holds its own seat; a teacher's seats are its license entries.
    const seatsFreed =
      from?.role === 'student'
        ? 1
        : this.db.prepare('DELETE FROM teachers WHERE account_id = ?').run(fromId).changes;
    return { merged: this.account(fromId) as PlatformAccount, seatsFreed };
  }

  /** Test hook and sandbox control: someone edits a teacher on the platform behind RosterDesk's back. */
  touchTeacher(id: string, email?: string): TeacherRow | null {
    const t = this.teacher(id);
    if (!t) return null;
    if (email) return this.updateTeacherEmail(id, email);
    this.db.prepare('UPDATE teachers SET version = version + 1 WHERE id = ?').run(id);
    return this.teacher(id);
  }

  /** What tests read: every idempotency key the platform has answered, once each. */
  ledger(): LedgerEntry[] {
    return this.idempotency.entries();
  }

  /** Every mutation that took effect, in order. */
  events(): AppliedEvent[] {
    return this.idempotency.events();
  }
}
