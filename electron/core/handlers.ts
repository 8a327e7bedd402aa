import { isSafeExternalUrl } from '../../shared/domain/external-url';
import { listedAtMost } from '../../shared/domain/old-students';
import { DEFAULT_DESKTOP_PREFERENCES } from '../../shared/domain/desktop';
import type { DesktopPreferences } from '../../shared/domain/desktop';
import type { AppServices } from './app/app-services';
import { troubleshoot, userDetail } from './diagnostics/user-report';
import { AppError } from '../../shared/ipc/errors';
import { pushPreview } from './changes/push-preview';
import { testConnection } from './connection-test/test-connection';
import { startHere } from './diagnostics/start-here';
import { rehearsalCsv, rehearsalPdf } from './new-year/rehearsal-export';
import { importLicenseCsv } from './license/license-csv-import';
import { platformConnectionId, pullLicense } from './platform/platform-connection';
import { exportFile } from './reports/exports';
import { diskUsage } from './runtime/disk-usage';
import type { CallContext, Handler, HandlerTable } from './ipc/handler-table';
import type { Channel } from '../../shared/ipc/contract';

export interface HandlerOptions {
  /** Opens an http(s) URL in the user's browser; the browser host has none. */
  openExternal?: (url: string) => Promise<void>;
  /** The native file dialog (Electron); the browser host has none and uploads instead. */
  pickFile?: () => Promise<string | null>;
  /** The desktop app's tray and start-at-login choices; the browser host has none. */
  desktop?: {
    get(): DesktopPreferences;
    set(patch: Partial<DesktopPreferences>): DesktopPreferences;
  };
}

/** The one handler table: channel -> core call. Both transports dispatch through it. */
export function createHandlers(services: AppServices, options: HandlerOptions = {}): HandlerTable {
  const table = handlers(services, options);
  const gated = Object.fromEntries(
    Object.entries(table).map(([channel, handler]) => [
      channel,
      (request: never, context: CallContext) =>
        services.gate.run(() => (handler as Handler<Channel>)(request, context)),
    ]),
  );
  return gated as HandlerTable;
}

function handlers(services: AppServices, options: HandlerOptions): HandlerTable {
  return {
    'app.status': (_request, context) => services.status(context.transport),
    'app.checkIntegrity': () => services.checkIntegrity(),
    // Polled by the window: a good answer from the last 30 s stands (each probe opens a D-Bus
    // connection the binding keeps until garbage collection).
    'keychain.status': () => services.secrets.probe(30_000),
    'connections.list': () => {
      const facts = new Map(services.diagnostics.connectionFacts().map((f) => [f.id, f]));
      return services.connections.list().map((c) => {
        const registered = facts.get(c.id)?.registeredOnPlatform ?? null;
        return {
          ...c,
          platformApplicationId:
            registered === null ? null : registered ? 'registered' : 'not-registered',
        } as const;
      });
    },
    'connections.add': (request) => services.connections.add(request),
    'connections.update': ({ id, ...save }) => services.connections.update(id, save),
    'connections.test': (request) => testConnection(services.connections, request),
    'connections.remove': ({ id }) => {
      services.connections.remove(id);
      services.snapshots.forgetConnection(id);
      services.schedules.forget(id);
      return { removed: true as const };
    },
    'sync.start': ({ connectionId }) => services.syncJobs.start(connectionId),
    'sync.status': ({ jobId }) => services.syncJobs.get(jobId),
    'sync.cancel': ({ jobId }) => services.syncJobs.cancel(jobId),
    'sync.jobs': () => services.syncJobs.list(),
    'snapshots.list': ({ connectionId }) => services.snapshots.list(connectionId),
    'snapshots.warnings': (query) => services.roster.warnings(query),
    'roster.overview': () => services.roster.overview(),
    'roster.users': async (query) =>
      services.roster.users(query, await services.diagnostics.licenseAliases(query.search ?? '')),
    'roster.classes': (query) => services.roster.classes(query),
    'roster.user': ({ sourcedId }) => userDetail(services, sourcedId),
    'roster.schools': () => {
      const snapshot = services.snapshots.latestCurrent();
      return snapshot ? services.readSnapshot(snapshot.id).stats().perSchool : [];
    },
    'license.import': ({ fileName, text, replacePulled }) =>
      importLicenseCsv(services.license, fileName, text, replacePulled === true),
    'diagnostics.startHere': () =>
      startHere({ ...services, reclaimNote: () => services.newYear.reclaimNote() }),
    'dashboard.setScope': ({ connectionId }) => {
      if (!services.snapshots.current(connectionId))
        throw new AppError('NOT_FOUND', 'That connection has no complete sync to show yet');
      services.snapshots.setScope(connectionId);
      return { connectionId };
    },
    'diagnostics.summary': () => services.diagnostics.summary(),
    'diagnostics.findings': (query) => services.diagnostics.findings(query),
    'diagnostics.preview': async () => {
      const current = await services.diagnostics.current();
      return current ? await current.preview : null;
    },
    'snapshots.diff': async () => (await (await services.diagnostics.current())?.diff) ?? null,
    'diagnostics.troubleshoot': async ({ sourcedId }) =>
      troubleshoot(
        await userDetail(services, sourcedId),
        // Only the roster's own connection: another connection's problem is not this teacher's.
        services.diagnostics
          .connectionFacts()
          .filter((c) => c.id === services.snapshots.latestCurrent()?.connectionId),
      ),
    'reports.export': async ({ kind, pseudonymise }) => {
      const file = await exportFile(services, kind, pseudonymise);
      return {
        fileName: file.fileName,
        mimeType: file.mimeType,
        base64: file.body.toString('base64'),
      };
    },
    'demo.open': () => services.demo.open(),
    'demo.stop': async () => {
      await services.demo.stop();
      return { running: false };
    },
    'demo.status': () => ({ running: services.demo.running }),
    'platform.pull': ({ connectionId }) =>
      pullLicense(
        services.connections,
        services.license,
        platformConnectionId(services.connections, connectionId),
      ),
    'license.view': (query) => services.license.view(query, services.changes.open.pendingIndex()),
    'changes.stage': (request) => services.staging.stage(request),
    'students.seats': () => services.students.seats(),
    // The counts whole, the rows to look at paged: the screen lists the first 500 of each.
    'students.importWorksheet': async ({ fileName, text }) =>
      listedAtMost(await services.bulk.worksheet(text, fileName)),
    'students.cleanup': ({ before, stage }) => services.students.cleanup(before, stage),
    'students.reviewQueue': () => services.students.reviewQueue(),
    'students.pickCandidate': ({ id, sourcedId }) => services.students.pickCandidate(id, sourcedId),
    'students.dismissReview': ({ id }) => services.students.dismissReview(id),
    'changes.stageEmailFix': ({ licenseEmail }) => services.staging.stageEmailFix(licenseEmail),
    'changes.stageEmailFixes': ({ minConfidence }) =>
      services.staging.stageEmailFixes(minConfidence),
    // In a thread of their own: tens of thousands of rows never hold the window's other calls.
    'changes.bulkPreview': ({ fileName, text }) => services.bulk.preview(text, fileName),
    'changes.bulkInvite': ({ fileName, text }) => {
      // The push writes each change's result: a bulk add waits for it to end.
      if (services.push.status()?.state === 'running')
        throw new AppError('VALIDATION', 'A push is running: add the list when it has finished');
      return services.bulk.invite(text, fileName);
    },
    'changes.stageFromFindings': ({ code, minConfidence, subjectId }) =>
      services.staging.stageFromFindings(code, { minConfidence, subjectId }),
    'changes.unapprove': ({ ids }) => ({ count: services.changes.unapprove(ids) }),
    'changes.list': (query) => services.changes.list(query),
    'changes.approve': ({ ids }) => ({ count: services.changes.approve(ids) }),
    'changes.discard': ({ ids }) => ({ count: services.changes.discard(ids) }),
    'changes.restage': ({ id }) => services.staging.restage(id),
    'changes.retry': ({ ids }) => ({ count: services.changes.retry(ids) }),
    'push.preview': () => pushPreview(services.changes, services.license),
    'push.start': () => {
      // A push writes each change's result: not while a bulk add holds the changes.
      const busy = services.bulk.busy();
      if (busy) throw new AppError('VALIDATION', busy);
      return services.push.start();
    },
    'push.status': () => services.push.status(),
    'push.cancel': () => services.push.cancel(),
    'audit.list': ({ offset, limit }) => services.audit.list(offset, limit),
    'files.pick': async () =>
      options.pickFile
        ? { supported: true, path: await options.pickFile() }
        : { supported: false, path: null },
    'files.upload': async ({ fileName, base64 }) => ({
      path: await services.imports.save(fileName, base64),
    }),
    'imports.list': () => services.imports.list(),
    'imports.remove': ({ name }) => {
      services.imports.remove(name);
      return services.imports.list();
    },
    'imports.setDeleteAfterSync': ({ on }) => {
      services.imports.setDeleteAfterSync(on);
      return services.imports.list();
    },
    'watch.schedules': () => services.schedules.list(),
    'watch.setSchedule': ({ connectionId, schedule }) => {
      services.schedules.set(connectionId, schedule);
      return services.schedules.list();
    },
    'watch.held': () => services.held.list(),
    'watch.accept': ({ snapshotId }) => {
      services.held.accept(snapshotId);
      return { accepted: true as const };
    },
    'watch.reject': ({ snapshotId }) => {
      services.held.reject(snapshotId);
      return { rejected: true as const };
    },
    // The dashboard's connection unless one is named: one connection's trend, not a mix.
    'watch.history': ({ connectionId }) => {
      const id = connectionId ?? services.snapshots.latestCurrent()?.connectionId;
      return id ? services.snapshots.history.list(id) : [];
    },
    'watch.digest': ({ connectionId }) => {
      const id = connectionId ?? services.snapshots.latestCurrent()?.connectionId;
      return id ? services.digest(id) : null;
    },
    'year.sources': () => services.newYear.sources(),
    'year.rehearse': ({ snapshotId }) => services.newYear.rehearse(snapshotId),
    'year.export': async ({ snapshotId, format }) => {
      const rehearsal = await services.newYear.rehearse(snapshotId);
      const stamp = new Date().toISOString().slice(0, 10);
      return format === 'csv'
        ? {
            fileName: `rosterdesk-new-year-${stamp}.csv`,
            mimeType: 'text/csv',
            base64: Buffer.from(rehearsalCsv(rehearsal), 'utf8').toString('base64'),
          }
        : {
            fileName: `rosterdesk-new-year-${stamp}.pdf`,
            mimeType: 'application/pdf',
            base64: (await rehearsalPdf(rehearsal)).toString('base64'),
          };
    },
    'year.stage': ({ requests, origin }) => services.newYear.stage(requests, origin),
    'year.reclaim': () => services.newYear.reclaim(),
    'demo.nextYear': () => services.demo.nextYear(),
    'app.diskUsage': () => diskUsage(services.dataDir),
    'settings.get': () => services.settings.all(),
    'settings.set': ({ key, value }) => {
      services.settings.set(key, value);
      return services.settings.all();
    },
    'app.background': () => services.background.states(),
    'app.openExternal': async ({ url }) => {
      if (!options.openExternal || !isSafeExternalUrl(url)) return { opened: false };
      await options.openExternal(url);
      return { opened: true };
    },
    'desktop.preferences': () =>
      options.desktop
        ? { supported: true, preferences: options.desktop.get() }
        : { supported: false, preferences: DEFAULT_DESKTOP_PREFERENCES },
    'desktop.setPreferences': (patch) => {
      if (!options.desktop)
        throw new AppError(
          'BAD_REQUEST',
          'The tray and start-at-login belong to the desktop app; the browser host runs until you stop it.',
        );
      return { supported: true, preferences: options.desktop.set(patch) };
    },
  };
}
