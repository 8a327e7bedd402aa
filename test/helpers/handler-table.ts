import type { AppStatus } from '../../shared/domain/app-status';
import type { ConnectionView } from '../../shared/domain/connection';
import { AppError } from '../../shared/ipc/errors';
import type { CallContext, HandlerTable } from '../../electron/core/ipc/handler-table';

export const sampleStatus: AppStatus = {
  version: '0.0.0-test',
  transport: 'browser-host',
  dataDir: '/tmp/x',
  schemaVersion: 1,
  keychain: { available: true, reason: null, backend: 'test' },
  notices: [],
};

const unused = (): never => {
  throw new AppError('NOT_FOUND', 'not part of this test table');
};

/**
 * A handler table for testing the IPC wrapper and transports themselves: it records every call
 * with the transport it came through. Services are tested with real SQLite and the real keychain elsewhere.
 */
export function recordingTable(): {
  table: HandlerTable;
  calls: { channel: string; context: CallContext; request: unknown }[];
} {
  const calls: { channel: string; context: CallContext; request: unknown }[] = [];
  const connection = {
    id: '6f1c2f0e-8a7b-4f44-9b7e-1d2c3b4a5f60',
    name: 'Leaky',
    settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
    secrets: [{ field: 'districtToken', label: 'District token', isSet: true }],
    createdAt: 'now',
    updatedAt: 'now',
    // Not in the reply schema: must never reach the caller.
    districtToken: 'SENTINEL-must-not-leak',
  } as ConnectionView;
  const table: HandlerTable = {
    'app.status': (request, context) => {
      calls.push({ channel: 'app.status', context, request });
      return { ...sampleStatus, transport: context.transport };
    },
    'app.checkIntegrity': () => ({ ok: true, problem: null, seconds: 0 }),
    'diagnostics.startHere': unused,
    'dashboard.setScope': unused,
    'students.seats': unused,
    'students.importWorksheet': unused,
    'students.cleanup': unused,
    'students.reviewQueue': unused,
    'students.pickCandidate': unused,
    'students.dismissReview': unused,
    'changes.stageFromFindings': unused,
    'changes.unapprove': unused,
    'push.preview': unused,
    'connections.test': unused,
    'files.pick': unused,
    'files.upload': unused,
    'imports.list': unused,
    'imports.remove': unused,
    'imports.setDeleteAfterSync': unused,
    'watch.schedules': unused,
    'watch.setSchedule': unused,
    'watch.held': unused,
    'watch.accept': unused,
    'watch.reject': unused,
    'watch.history': unused,
    'watch.digest': unused,
    'year.sources': unused,
    'year.rehearse': unused,
    'year.export': unused,
    'year.stage': unused,
    'year.reclaim': unused,
    'demo.nextYear': unused,
    'app.diskUsage': unused,
    'settings.get': unused,
    'settings.set': unused,
    'app.background': unused,
    'keychain.status': () => sampleStatus.keychain,
    'connections.list': () => [connection],
    'connections.add': (request, context) => {
      calls.push({ channel: 'connections.add', context, request });
      if (request.name === 'explode') throw new Error('database is on fire at /home/secret/path');
      if (request.name === 'refuse')
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'The keychain is locked');
      return connection;
    },
    'connections.update': () => connection,
    'connections.remove': () => ({ removed: true as const }),
    'app.openExternal': () => ({ opened: false }),
    'desktop.preferences': unused,
    'desktop.setPreferences': unused,
    'sync.start': unused,
    'sync.status': unused,
    'sync.cancel': unused,
    'sync.jobs': () => [],
    'snapshots.list': () => [],
    'snapshots.warnings': unused,
    'roster.overview': unused,
    'roster.users': unused,
    'roster.classes': unused,
    'roster.user': unused,
    'roster.schools': () => [],
    'license.import': unused,
    'diagnostics.summary': unused,
    'diagnostics.findings': unused,
    'diagnostics.troubleshoot': unused,
    'diagnostics.preview': () => null,
    'snapshots.diff': () => null,
    'reports.export': unused,
    'demo.open': unused,
    'demo.stop': unused,
    'demo.status': () => ({ running: false }),
    'platform.pull': unused,
    'license.view': unused,
    'changes.stage': unused,
    'changes.stageEmailFix': unused,
    'changes.stageEmailFixes': unused,
    'changes.bulkPreview': unused,
    'changes.bulkInvite': unused,
    'changes.list': unused,
    'changes.approve': unused,
    'changes.discard': unused,
    'changes.retry': unused,
    'changes.restage': unused,
    'push.start': unused,
    'audit.list': unused,
    'push.status': () => null,
    'push.cancel': () => null,
  };
  return { table, calls };
}
