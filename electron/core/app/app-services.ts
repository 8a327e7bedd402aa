import { CallGate } from '../runtime/call-gate';
import fs from 'node:fs';
import path from 'node:path';
import type { AppStatus, StartupNotice } from '../../../shared/domain/app-status';
import { ConnectionsService } from '../connections/connections-service';
import { ImportedExports } from '../connections/imported-exports';
import { openCsvFiles } from '../sources/csv/csv-files';
import { AuditLog } from '../changes/audit-log';
import { ChangeStore } from '../changes/change-store';
import { BulkStaging } from '../background/bulk-in-worker';
import { ChangeJournal } from '../db/change-journal';
import { PushOutbox } from '../changes/push-outbox';
import { ChangeStaging } from '../changes/stage-changes';
import { OldStudentService } from '../students/old-student-service';
import { DemoDistrict } from '../demo/demo-district';
import { pullLicense } from '../platform/platform-connection';
import { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { LicenseStore } from '../license/license-store';
import { moveLegacySnapshots } from '../snapshot/legacy-snapshots';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { SyncJobs } from '../ingest/sync-jobs';
import { RosterQueries } from '../snapshot/roster-queries';
import { lockDataFolder } from '../db/data-folder-lock';
import { checkHealth, isUnavailable, sqliteCode, unavailable } from '../db/database-health';
import { openDatabase } from '../db/open-database';
import { backupWork, workBackups } from '../db/work-backup';
import type { Db } from '../db/open-database';
import { KeyringSecretStore } from '../secrets/keyring-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { createLogger } from '../runtime/logger';
import type { Logger } from '../runtime/logger';
import { APP_VERSION } from '../runtime/version';

export interface AppServices {
  dataDir: string;
  /** Typed reads of one roster snapshot (the snapshot room); no raw database leaves this file. */
  readSnapshot(snapshotId: number): SnapshotReader;
  logger: Logger;
  secrets: SecretStore;
  connections: ConnectionsService;
  snapshots: SnapshotStore;
  syncJobs: SyncJobs;
  roster: RosterQueries;
  demo: DemoDistrict;
  /** Exports uploaded into imports/: checked, owned by their connection, pruned. */
  imports: ImportedExports;
  /** Bulk adds (preview and staging) in a thread of their own. */
  bulk: BulkStaging;
  license: LicenseStore;
  diagnostics: DiagnosticsService;
  audit: AuditLog;
  changes: ChangeStore;
  staging: ChangeStaging;
  /** Students' old manual accounts: seats, the worksheet read back, the clean-up. */
  students: OldStudentService;
  push: PushOutbox;
  status(transport: AppStatus['transport']): AppStatus;
  /** The full integrity_check, on demand (start-up runs only quick_check). */
  checkIntegrity(): { ok: boolean; problem: string | null; seconds: number };
  /** Copies the admin's work (connections, changes, audit log) to backups/ now. */
  backupWork(): string;
  /** Every handler call goes through it, so closing waits for the calls still running. */
  gate: CallGate;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  dataDir: string;
  secrets?: SecretStore;
  logger?: Logger;
  echoLog?: boolean;
  /** Resume a push that a crash interrupted (default true; `rosterdesk check` opens without it). */
  resumePush?: boolean;
  /** Who is opening the folder, in words, shown to a second process that is refused. */
  owner?: string;
  /** How often the admin's work is copied to backups/ while open (default hourly). */
  backupEveryMs?: number;
}

const HOUR = 60 * 60 * 1000;

/** Opens everything the handlers need. Plain Node: used by Electron's main, the browser host, the CLI and tests. */
/**
 * The services, plus the cache's connection for tests and benches that set up or inspect a data
 * folder directly. Handlers receive `AppServices`, which has no database: only typed services.
 */
export type OpenedAppServices = AppServices & { readonly db: Db };

export function openAppServices(options: AppServicesOptions): OpenedAppServices {
  // One owner per data folder, taken before anything in it is opened or recovered.
  const lock = lockDataFolder(options.dataDir, options.owner ?? 'RosterDesk');
  try {
    return openLocked(options, lock.release);
  } catch (error) {
    lock.release();
    // Another program writing the cache (an ordinary write transaction) outlasted the busy
    // timeout while it was opened: said with the file's name and that nothing changed, not
    // "database is locked".
    if (isUnavailable(sqliteCode(error)))
      throw unavailable(path.join(options.dataDir, 'rosterdesk.db'), error);
    throw error;
  }
}

function openLocked(options: AppServicesOptions, releaseLock: () => void): OpenedAppServices {
  const logger =
    options.logger ?? createLogger({ dataDir: options.dataDir, echo: options.echoLog ?? false });
  const opened = openDatabase({ dataDir: options.dataDir });
  const backupEvery = options.backupEveryMs ?? HOUR;
  const backupNow = () => backupWork(opened.db, options.dataDir, new Date());
  const newest = workBackups(options.dataDir)[0];
  const newestAge = newest ? Date.now() - fs.statSync(newest).mtimeMs : Infinity;
  if (newestAge >= backupEvery) backupNow();
  const gate = new CallGate();
  const backupTimer = setInterval(() => {
    try {
      backupNow();
      // The change journal, once past 4 MB, rewritten as one line per change.
      changes.journal.compact();
    } catch (error) {
      logger.error('backing up the work tables failed', error);
    }
  }, backupEvery);
  backupTimer.unref();
  const notices: StartupNotice[] = [...opened.notices];
  for (const notice of notices) logger.warn(notice.message);
  const secrets = options.secrets ?? new KeyringSecretStore();
  const keychain = secrets.status();
  if (!keychain.available)
    logger.warn(`keychain unavailable: ${keychain.reason ?? 'unknown reason'}`);
  const connections = new ConnectionsService(opened.db, secrets);
  const snapshots = new SnapshotStore(opened.db);
  const moved = moveLegacySnapshots(opened.db);
  if (moved > 0) logger.info(`moved ${moved} roster snapshot(s) into their own files`);
  const interrupted = snapshots.recoverInterrupted();
  if (interrupted > 0)
    notices.push({
      level: 'warning',
      message: `${interrupted} sync(s) were interrupted when RosterDesk last stopped; the previous snapshots are still current.`,
    });
  const syncJobs = new SyncJobs(opened.db, connections, logger);
  const license = new LicenseStore(opened.db);
  const diagnostics = new DiagnosticsService(opened.db, opened.file, license, connections);
  const audit = new AuditLog(opened.db);
  const changes = new ChangeStore(opened.db, audit, new ChangeJournal(opened.db, options.dataDir));
  const staging = new ChangeStaging(license, changes, () => diagnostics.filed(), connections);
  const push = new PushOutbox(opened.db, changes, audit, connections, logger, {
    afterRun: async (ids) => {
      for (const id of ids) await pullLicense(connections, license, id);
    },
  });
  let resumed: number | null = null;
  if (
    push.recoverInterrupted() > 0 &&
    changes.countApproved() > 0 &&
    options.resumePush !== false
  ) {
    resumed = push.start(true).runId;
  }
  /** What became of a push resumed at start, said as it stands now (not as it stood at start). */
  const resumeNotice = (): StartupNotice[] => {
    const run = push.status();
    if (resumed === null || !run || run.runId !== resumed) return [];
    if (run.state === 'running')
      return [
        {
          level: 'warning',
          message: `A push was interrupted when RosterDesk last stopped; it is resuming with the same idempotency keys, so no change is applied twice (${run.total} in the outbox).`,
        },
      ];
    if (run.state === 'completed')
      return [
        {
          level: 'info',
          message: `A push interrupted when RosterDesk last stopped was resumed and finished: ${run.applied} applied, ${run.rejected} rejected, ${run.conflicts} conflicts, each once.`,
        },
      ];
    return [
      {
        level: 'error',
        message: `A push interrupted when RosterDesk last stopped could not be resumed: ${run.error ?? run.state}. Its changes stay approved; push them again from the Changes screen.`,
      },
    ];
  };
  const demo = new DemoDistrict(connections, syncJobs, license, logger, options.dataDir);
  const imports = new ImportedExports(opened.db, options.dataDir, connections, async (file) => {
    const files = await openCsvFiles(file);
    try {
      return files.has('users.csv') || files.has('orgs.csv');
    } finally {
      files.close();
    }
  });
  const bulk = new BulkStaging(opened.file, options.dataDir, () => changes.forgetCounts());
  changes.refuseWritesWhile = () => bulk.busy();
  connections.onFileDropped((file) => {
    if (imports.dropIfUnused(file))
      logger.info('deleted an uploaded export its connection no longer reads');
  });
  syncJobs.onFinished((job) => {
    if (job.state === 'complete' && imports.afterSync(job.connectionId))
      logger.info('deleted an uploaded export after its sync, as chosen in Settings');
  });
  const pruned = imports.pruneUnclaimed();
  if (pruned.length > 0)
    logger.info(`deleted ${pruned.length} uploaded export(s) no connection took`);
  logger.info(`RosterDesk ${APP_VERSION} opened ${opened.file} (schema ${opened.schemaVersion})`);
  return {
    dataDir: options.dataDir,
    db: opened.db,
    readSnapshot: (snapshotId) => new SnapshotReader(opened.db, snapshotId),
    logger,
    secrets,
    connections,
    snapshots,
    syncJobs,
    roster: new RosterQueries(opened.db),
    demo,
    imports,
    bulk,
    license,
    diagnostics,
    audit,
    changes,
    staging,
    students: new OldStudentService(
      opened.db,
      license,
      changes.open,
      staging,
      snapshots,
      (snapshotId) => new SnapshotReader(opened.db, snapshotId),
    ),
    push,
    status: (transport) => ({
      version: APP_VERSION,
      transport,
      dataDir: options.dataDir,
      schemaVersion: opened.schemaVersion,
      keychain: secrets.status(),
      notices: [...notices, ...resumeNotice()],
    }),
    checkIntegrity: () => {
      const started = performance.now();
      const health = checkHealth(opened.file, 'integrity_check');
      return {
        ok: health.state === 'sound',
        problem: health.state === 'sound' ? null : health.problem,
        seconds: Math.round(performance.now() - started) / 1000,
      };
    },
    backupWork: backupNow,
    gate,
    close: async () => {
      // Calls still running finish (a diagnostics run is stopped: its callers hear SHUTTING_DOWN);
      // new ones are refused; only then is the database closed.
      diagnostics.stop();
      await gate.close();
      clearInterval(backupTimer);
      push.cancel();
      await push.wait();
      await syncJobs.stopAll();
      await demo.stop();
      try {
        backupNow();
      } catch (error) {
        logger.error('backing up the work tables failed', error);
      }
      opened.db.close();
      releaseLock();
    },
  };
}
