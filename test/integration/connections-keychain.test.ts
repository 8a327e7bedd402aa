import { syncEnded } from '../helpers/wait-for';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { secretAccount } from '../../electron/core/connections/connections-service';
import { KEYCHAIN_SERVICE } from '../../electron/core/secrets/keyring-secret-store';
import { AppError } from '../../shared/ipc/errors';
import { startCleverServer } from '../../sandbox/clever/clever-server';
import { NO_FAULTS } from '../../sandbox/faults';
import { smallDistrict } from '../helpers/district-fixtures';
import { filesContaining, makeTempDir } from '../helpers/temp-dir';

// Real SQLite file, real OS keychain: `npm test` runs inside a private D-Bus session with an
// unlocked GNOME Keyring (scripts/with-keyring.sh).
let tmp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const sentinel = () => `SENTINEL-${crypto.randomBytes(12).toString('hex')}`;
const keychainValue = (id: string, field: string) =>
  new Entry(KEYCHAIN_SERVICE, secretAccount(id, field)).getPassword();

beforeEach(() => {
  tmp = makeTempDir();
  services = openAppServices({ dataDir: tmp.dir });
});
afterEach(async () => {
  await services.close();
  tmp.cleanup();
});

describe('connections with the OS keychain', () => {
  it('keeps a secret in the keychain and only "is set" in the cache', () => {
    expect(services.secrets.status().available).toBe(true);
    const token = sentinel();
    const view = services.connections.add({
      name: 'Clever',
      settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
      secrets: { districtToken: token },
    });
    expect(view.secrets).toEqual([
      { field: 'districtToken', label: 'District token', isSet: true },
    ]);
    expect(JSON.stringify(view)).not.toContain(token);
    expect(keychainValue(view.id, 'districtToken')).toBe(token);
    services.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(tmp.dir, token)).toEqual([]);
  });

  it('replaces, keeps and deletes secrets on update', () => {
    const first = sentinel();
    const view = services.connections.add({
      name: 'ClassLink',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://d-vn-v2.rosterserver.com/ims/oneroster/v1p1',
        authMethod: 'oauth1',
        clientId: 'abc',
      },
      secrets: { clientSecret: first, applicationId: 'APP-1' },
    });
    const second = sentinel();
    services.connections.update(view.id, {
      name: 'ClassLink (renamed)',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://d-vn-v2.rosterserver.com/ims/oneroster/v1p1',
        authMethod: 'oauth1',
        clientId: 'abc',
      },
      secrets: { clientSecret: second },
    });
    expect(keychainValue(view.id, 'clientSecret')).toBe(second);
    expect(keychainValue(view.id, 'applicationId')).toBe('APP-1');
    const cleared = services.connections.update(view.id, {
      name: 'ClassLink',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://d-vn-v2.rosterserver.com/ims/oneroster/v1p1',
        authMethod: 'oauth1',
        clientId: 'abc',
      },
      secrets: { applicationId: null },
    });
    expect(cleared.secrets.find((s) => s.field === 'applicationId')?.isSet).toBe(false);
    expect(keychainValue(view.id, 'applicationId')).toBeNull();
  });

  it('removes the secrets with the connection', () => {
    const view = services.connections.add({
      name: 'Platform',
      settings: { kind: 'platform', baseUrl: 'https://platform.example.com/api', licenseId: 'L-1' },
      secrets: { apiToken: sentinel() },
    });
    services.connections.remove(view.id);
    expect(services.connections.list()).toEqual([]);
    expect(keychainValue(view.id, 'apiToken')).toBeNull();
  });

  it('survives a restart: settings from SQLite, "is set" from the keychain', async () => {
    const view = services.connections.add({
      name: 'Clever',
      settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
      secrets: { districtToken: sentinel() },
    });
    await services.close();
    services = openAppServices({ dataDir: tmp.dir });
    expect(services.connections.list()).toEqual([view]);
  });

  it('refuses a secret field of another kind, a missing CSV path and an unknown id, with specific messages', () => {
    const fail = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(
      fail(() =>
        services.connections.add({
          name: 'x',
          settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
          secrets: { apiToken: 'x' },
        }),
      ),
    ).toBe('VALIDATION: A clever connection has no apiToken');
    expect(
      fail(() =>
        services.connections.add({
          name: 'x',
          settings: { kind: 'oneroster-csv', path: path.join(tmp.dir, 'missing.zip') },
          secrets: {},
        }),
      ),
    ).toMatch(/^VALIDATION: No folder or zip file at .*missing\.zip$/);
    fs.writeFileSync(path.join(tmp.dir, 'notes.txt'), 'x');
    expect(
      fail(() =>
        services.connections.add({
          name: 'x',
          settings: { kind: 'oneroster-csv', path: path.join(tmp.dir, 'notes.txt') },
          secrets: {},
        }),
      ),
    ).toMatch(/neither a folder nor a \.zip file/);
    expect(fail(() => services.connections.remove('6f1c2f0e-8a7b-4f44-9b7e-1d2c3b4a5f60'))).toBe(
      'NOT_FOUND: No connection with id 6f1c2f0e-8a7b-4f44-9b7e-1d2c3b4a5f60',
    );
    expect(services.connections.list()).toEqual([]);
  });

  it('accepts a CSV folder without any secret', () => {
    const view = services.connections.add({
      name: 'Export',
      settings: { kind: 'oneroster-csv', path: tmp.dir },
      secrets: {},
    });
    expect(view.secrets).toEqual([]);
  });
});

describe('a sync job', () => {
  it('counts the requests its client retried', async () => {
    const server = await startCleverServer({
      district: smallDistrict(),
      token: 'job-token',
      faults: { ...NO_FAULTS, seed: 9, errorRate: 0.3 },
    });
    try {
      const view = services.connections.add({
        name: 'Flaky Clever',
        settings: { kind: 'clever', baseUrl: server.baseUrl },
        secrets: { districtToken: 'job-token' },
      });
      const started = services.syncJobs.start(view.id);
      const job = await syncEnded(services, started.jobId);
      expect(job.state).toBe('complete');
      expect(job.retries).toBe(server.faults.counts.errors);
      expect(job.retries).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
