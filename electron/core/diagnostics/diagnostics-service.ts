import { findingCodes, severities, SEVERITY_OF } from '../../../shared/domain/finding';
import type { Finding, FindingCode, Severity } from '../../../shared/domain/finding';
import type {
  FindingsSummary,
  SnapshotDiff,
  SyncPreview,
} from '../../../shared/domain/diagnostics-views';
import { AppError } from '../../../shared/ipc/errors';
import type { ConnectionsService } from '../connections/connections-service';
import type { Db } from '../db/open-database';
import { SnapshotStore } from '../snapshot/snapshot-store';
import type { LicenseStore } from '../license/license-store';
import type { ConnectionFacts, LicenseMatch } from './diagnostics-context';
import { prewarmDiagnostics, runInWorker, stopDiagnosticsWorkers } from './run-in-worker';
import { accountRules } from './rules/account-rules';
import { finishPreview } from './sync-preview';
import { fileByPerson, isPrimary } from '../../../shared/domain/problem-assignment';
import type { Filed } from '../../../shared/domain/problem-assignment';
import { oldStudentRules } from './rules/old-student-rules';

interface Cached {
  key: string;
  snapshotId: number;
  findings: Finding[];
  /** Settles just after the findings (the user report waits for it). */
  licenseMatches: Promise<LicenseMatch[] | null>;
  /** Settles after the findings (the preview card waits for it, the findings do not). */
  preview: Promise<SyncPreview>;
  /** Settles after the findings. */
  diff: Promise<SnapshotDiff>;
}

/** The app's view of the engine: runs it over the current snapshot and license, and keeps the result until either changes. */
export class DiagnosticsService {
  private cached: Cached | null = null;
  private filedOf: { findings: Finding[]; filed: Filed[] } | null = null;
  private running: { key: string; done: Promise<Cached> } | null = null;
  private readonly snapshots: SnapshotStore;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly dbFile: string,
    private readonly license: LicenseStore,
    private readonly connections: ConnectionsService,
  ) {
    this.snapshots = new SnapshotStore(db);
    // The engine's threads load now, not when the dashboard first asks for findings.
    void prewarmDiagnostics();
  }

  connectionFacts(): ConnectionFacts[] {
    const onPlatform = this.license.platformConnectionId()
      ? this.license.rostering().filter((r) => r.provider === 'classlink')
      : [];
    const registered = onPlatform.length ? onPlatform.some((r) => r.applicationId !== null) : null;
    return this.connections.list().map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.settings.kind,
      hasApplicationId:
        c.settings.kind === 'classlink'
          ? (c.secrets.find((s) => s.field === 'applicationId')?.isSet ?? null)
          : null,
      registeredOnPlatform: c.settings.kind === 'classlink' ? registered : null,
    }));
  }

  /**
   * The findings for the current snapshot, computed once per (snapshot, license import,
   * connections) in a worker thread; concurrent callers share one run.
   */
  async current(): Promise<Omit<Cached, 'key'> | null> {
    if (this.stopping.signal.aborted)
      throw new AppError('SHUTTING_DOWN', 'RosterDesk is closing: the diagnostics were stopped.');
    const snapshot = this.snapshots.latestCurrent();
    if (!snapshot) return null;
    const license = this.license.current();
    const facts = this.connectionFacts();
    const key = `${snapshot.id}|${license?.import.id ?? 'none'}|${JSON.stringify(facts)}`;
    if (this.cached?.key === key) return this.cached;
    if (this.running?.key !== key) {
      const done = runInWorker(
        {
          dbFile: this.dbFile,
          snapshotId: snapshot.id,
          license: license?.entries ?? null,
          connections: facts,
        },
        this.stopping.signal,
      ).then((result) => {
        // The next run (a new sync or license import) starts on loaded threads too.
        if (!this.stopping.signal.aborted) void prewarmDiagnostics();
        const all = this.withAccountRules(result.findings);
        // The history's errors by code: this snapshot's findings, kept after it is pruned.
        const byCode: Record<string, number> = {};
        for (const f of all) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
        this.snapshots.history.setFindings(snapshot.id, byCode);
        const filing = { findings: all, filed: fileByPerson(all) };
        this.filedOf = filing;
        const preview = result.preview.then((p) =>
          finishPreview({ ...p, seatsAvailable: this.license.seatsFree() }, filing.filed),
        );
        preview.catch(() => undefined); // failed or stopped: said to whoever asks for it
        const cached: Cached = {
          key,
          snapshotId: snapshot.id,
          ...result,
          findings: all,
          preview,
        };
        if (this.running?.key === key) {
          this.cached = cached;
          this.running = null;
        }
        return cached;
      });
      done.catch(() => {
        if (this.running?.key === key) this.running = null;
      });
      this.running = { key, done };
    }
    return this.running.done;
  }

  /**
   * The engine's findings with the platform accounts' rules beside them. Platform accounts are
   * small and already in memory here: their rule runs beside the worker's.
   */
  private withAccountRules(fromWorker: Finding[]): Finding[] {
    const accounts = this.license.accounts();
    const duplicates = accountRules(accounts, this.license.seatsHeld());
    // A license entry whose old manual account has a rostered twin is a duplicate account,
    // not a teacher "missing from the roster": each person is in one bucket only.
    const twinned = new Set(
      duplicates.flatMap((f) => (f.subjects[0]?.email ? [f.subjects[0].email.toLowerCase()] : [])),
    );
    const findings = fromWorker.filter(
      (f) => f.code !== 'NOT_IN_ROSTER' || !twinned.has((f.subjects[0]?.email ?? '').toLowerCase()),
    );
    return [...findings, ...duplicates, ...oldStudentRules(accounts)];
  }

  /**
   * The findings of any snapshot (not only the current one) against today's license, by code: a
   * rehearsal of next year's roster asks what would appear and go away. Not cached.
   */
  async countsFor(snapshotId: number): Promise<Record<string, number>> {
    if (this.stopping.signal.aborted)
      throw new AppError('SHUTTING_DOWN', 'RosterDesk is closing: the diagnostics were stopped.');
    const result = await runInWorker(
      {
        dbFile: this.dbFile,
        snapshotId,
        license: this.license.current()?.entries ?? null,
        connections: this.connectionFacts(),
      },
      this.stopping.signal,
    );
    result.preview.catch(() => undefined);
    result.diff.catch(() => undefined);
    result.licenseMatches.catch(() => undefined);
    const byCode: Record<string, number> = {};
    for (const f of this.withAccountRules(result.findings))
      byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    return byCode;
  }

  /** On close: the running job stops and its callers get SHUTTING_DOWN instead of a closed database. */
  stop(): void {
    this.stopping.abort();
    void stopDiagnosticsWorkers();
  }

  /**
   * Every finding filed as Start here files it: each person under the problem whose fix comes
   * first (fileByPerson), computed once per result. Start here, the sync preview's teacher counts,
   * the "Who and why" lists, the troubleshooter's verdict and staging all read this one filing.
   */
  async filed(): Promise<Filed[]> {
    const findings = (await this.current())?.findings ?? [];
    if (this.filedOf?.findings !== findings)
      this.filedOf = { findings, filed: fileByPerson(findings) };
    return this.filedOf.filed;
  }

  /**
   * A value computed from the filing, kept while the filing and `key` (what else it reads: the
   * change set's version, the license import) stay the same: Start here is built once per
   * diagnostics run and change, not on every visit of the dashboard.
   */
  async fromFiling<T>(key: string, compute: (filed: Filed[]) => T): Promise<T> {
    const filed = await this.filed();
    const kept = this.fromFilingMemo;
    if (kept && kept.filed === filed && kept.key === key) return kept.value as T;
    const value = compute(filed);
    this.fromFilingMemo = { filed, key, value };
    return value;
  }

  private fromFilingMemo: { filed: Filed[]; key: string; value: unknown } | null = null;

  /** Every finding that names this person: by their roster id, or by one of their emails. */
  async personFindings(sourcedId: string, emails: readonly string[]): Promise<Finding[]> {
    const known = new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean));
    return ((await this.current())?.findings ?? []).filter((f) =>
      f.subjects.some(
        (s) =>
          (s.kind === 'user' && s.id === sourcedId) ||
          (s.kind !== 'user' && s.email !== undefined && known.has(s.email.trim().toLowerCase())),
      ),
    );
  }

  async summary(): Promise<FindingsSummary> {
    const current = await this.current();
    const license = this.license.current()?.import ?? null;
    const findings = current?.findings ?? [];
    const counts = new Map<FindingCode, number>();
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) {
      counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      bySeverity[f.severity]++;
    }
    return {
      snapshotId: current?.snapshotId ?? null,
      license,
      total: findings.length,
      bySeverity,
      // Errors first, then warnings, then info; within one, the codes' own order.
      byCode: findingCodes
        .filter((c) => counts.has(c))
        .map((code) => ({ code, severity: SEVERITY_OF[code], count: counts.get(code) ?? 0 }))
        .sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity)),
    };
  }

  async findings(q: {
    code?: FindingCode | undefined;
    severity?: Severity | undefined;
    subjectId?: string | undefined;
    /** Only the findings Start here files under `code`, each with the person's other problems. */
    problem?: boolean | undefined;
    offset: number;
    limit: number;
  }): Promise<{ total: number; offset: number; rows: (Finding & { also?: FindingCode[] })[] }> {
    const all: (Finding & { also?: FindingCode[] })[] = q.problem
      ? (await this.filed()).filter(isPrimary).map((x) => ({ ...x.finding, also: x.also }))
      : ((await this.current())?.findings ?? []);
    const matching = all.filter(
      (f) =>
        (!q.code || f.code === q.code) &&
        (!q.severity || f.severity === q.severity) &&
        (!q.subjectId || f.subjects.some((s) => s.id === q.subjectId)),
    );
    return {
      total: matching.length,
      offset: q.offset,
      rows: matching.slice(q.offset, q.offset + q.limit),
    };
  }

  /**
   * Roster users a search for a license (platform) email should find: the teacher a finding
   * matched to that license entry, though the roster sends another email, and the teacher whose
   * old manual account has that email (keyed `email:<roster email>`). "The email Ms. Walker
   * quotes" is usually her platform email.
   */
  async licenseAliases(search: string): Promise<Map<string, string>> {
    const aliases = new Map<string, string>();
    const needle = search.trim().toLowerCase();
    if (!needle.includes('@')) return aliases;
    for (const f of (await this.current())?.findings ?? []) {
      // An old manual account beside the rostered one: its email finds the rostered teacher
      // (keyed by the rostered account's email, which is the roster's).
      if (f.code === 'DUPLICATE_ACCOUNT') {
        const [manual, rostered] = f.subjects;
        if (manual?.email?.toLowerCase().startsWith(needle) && rostered?.email)
          aliases.set(
            `email:${rostered.email.trim().toLowerCase()}`,
            `Old manual account ${manual.email}`,
          );
        continue;
      }
      const entry = f.subjects.find((x) => x.kind === 'license');
      const user = f.subjects.find((x) => x.kind === 'user');
      if (!entry?.email || !user || !entry.email.toLowerCase().startsWith(needle)) continue;
      if (user.email?.toLowerCase() === entry.email.toLowerCase()) continue;
      aliases.set(user.id, `License email ${entry.email}`);
    }
    return aliases;
  }

  /** Tells the cache that the license or connections changed. */
  invalidate(): void {
    this.cached = null;
  }
}
