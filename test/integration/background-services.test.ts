import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import { workBackups } from '../../electron/core/db/work-backup';
import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { settingDefinitions, settingKeys } from '../../shared/domain/settings';
import { openDemoDistrict } from '../helpers/demo-district';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-for';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background services', () => {
  it('start when the data folder opens and all stop when it closes: no timer, push or sync is left running', async () => {
    const tmp = makeTempDir();
    const ticks: Date[] = [];
    const services = openAppServices({
      dataDir: tmp.dir,
      logger: memoryLogger(),
      backupEveryMs: 100,
      schedulerEveryMs: 20,
      dueSyncs: (now) => {
        ticks.push(now);
        return [];
      },
    });
    try {
      const names = services.background.states().map((s) => s.name);
      expect(names).toEqual(['backups', 'demo', 'push', 'syncs', 'scheduler']);
      expect(services.background.states().every((s) => s.state === 'running')).toBe(true);

      // A push under way and a sync under way when the folder closes.
      const [classlink] = await openDemoDistrict(services);
      const { staged } = await services.staging.stageEmailFixes(0);
      expect(staged).toBeGreaterThan(0);
      services.changes.approve('all');
      services.push.start();
      const sync = services.syncJobs.start(classlink ?? '');
      // The timers run: backups are copied and the scheduler asks what is due.
      await waitUntil('two backups and scheduler ticks', () => ticks.length > 2, { seconds: 10 });
      await waitUntil('backups on the timer', () => workBackups(tmp.dir).length >= 2, {
        seconds: 10,
      });

      await services.close();
      expect(services.background.states().map((s) => [s.name, s.state])).toEqual(
        names.map((n) => [n, 'stopped']),
      );
      expect((await services.push.wait())?.state).toMatch(/^(cancelled|completed)$/);
      expect(services.syncJobs.get(sync.jobId).state).not.toBe('running');
      // Nothing ticks after close: no scheduler call, no new backup.
      const ticked = ticks.length;
      const backups = workBackups(tmp.dir).map((f) => path.basename(f));
      await sleep(400);
      expect(ticks.length).toBe(ticked);
      expect(workBackups(tmp.dir).map((f) => path.basename(f))).toEqual(backups);
    } finally {
      // The demo's secrets leave the keychain: on a second opening when the test closed the folder.
      await services.close();
      const again = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
      for (const c of again.connections.list()) again.connections.remove(c.id);
      await again.close();
      tmp.cleanup();
    }
  }, 90_000);
});

describe('settings', () => {
  it('are declared once, read with their defaults, written through their schema, and shown in Settings', async () => {
    const tmp = makeTempDir();
    const services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
    const table = createHandlers(services);
    const call = (channel: string, payload: unknown) =>
      dispatch(table, channel, payload, { transport: 'browser-host' }, services.logger);
    try {
      const read = await call('settings.get', {});
      expect(read).toEqual({
        ok: true,
        value: Object.fromEntries(settingKeys.map((k) => [k, settingDefinitions[k].default])),
      });
      const wrong = await call('settings.set', { key: 'backups.everyHours', value: 0 });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const unknown = await call('settings.set', { key: 'no.such', value: 1 });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(services.settings.get('backups.everyHours')).toBe(1);
      const written = await call('settings.set', { key: 'backups.everyHours', value: 6 });
      expect(written).toMatchObject({ ok: true, value: { 'backups.everyHours': 6 } });
      // The older channel writes the same setting.
      await call('imports.setDeleteAfterSync', { on: true });
      expect(services.settings.get('imports.deleteAfterSync')).toBe(true);
      const states = await call('app.background', {});
      expect(states).toMatchObject({ ok: true });
    } finally {
      await services.close();
    }
    // A value edited by hand into something its schema refuses reads as the default.
    const db = new Database(path.join(tmp.dir, 'rosterdesk.db'));
    db.prepare("UPDATE app_settings SET value = '\"many\"' WHERE key = 'backups.everyHours'").run();
    db.close();
    const reopened = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
    try {
      expect(reopened.settings.get('backups.everyHours')).toBe(1);
      expect(reopened.settings.get('imports.deleteAfterSync')).toBe(true);
    } finally {
      await reopened.close();
      tmp.cleanup();
    }
    expect(fs.existsSync(tmp.dir)).toBe(false);
  });
});
