import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { exportFile } from '../../electron/core/reports/exports';
import { injectedDistrict, writeSnapshot } from '../helpers/injected-district';
import { makeTempDir } from '../helpers/temp-dir';
import { unzipText } from '../helpers/unzip-text';

let tmp: ReturnType<typeof makeTempDir>;
let services: AppServices;
beforeEach(() => {
  tmp = makeTempDir();
  services = openAppServices({ dataDir: tmp.dir });
});
afterEach(async () => {
  await services.close();
  tmp.cleanup();
});

const unzip = unzipText;

describe('the support bundle', () => {
  it('holds no secret, and pseudonymised no roster email or license email', async () => {
    const district = injectedDistrict();
    writeSnapshot(services.db, district);
    services.license.save('license.csv', district.license, []);
    const token = `SENTINEL-${crypto.randomBytes(8).toString('hex')}`;
    const secret = `SENTINEL-${crypto.randomBytes(8).toString('hex')}`;
    services.connections.add({
      name: 'Clever',
      settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
      secrets: { districtToken: token },
    });
    services.connections.add({
      name: 'ClassLink',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://x-vn-v2.rosterserver.com/ims/oneroster/v1p1',
        authMethod: 'oauth1',
        clientId: 'cid',
      },
      secrets: { clientSecret: secret },
    });
    services.logger.info('a line for the log');
    const mismatch = district.mismatches[0];
    services.audit.append({
      changeId: null,
      action: 'applied',
      summary: `Change email: ${mismatch?.licenseEmail ?? ''} -> ${mismatch?.rosterEmail ?? ''}`,
      platformRequestId: 'req_0123456789abcdef',
    });

    const plain = await unzip((await exportFile(services, 'support-bundle', false)).body);
    expect([...plain.keys()].sort()).toEqual([
      'app.json',
      'audit-log.csv',
      'connections.json',
      'recent-log.txt',
      'sanity-report.json',
    ]);
    const plainText = [...plain.values()].join('\n');
    expect(plainText).not.toContain(token);
    expect(plainText).not.toContain(secret);
    expect(plainText).toContain(district.mismatches[0]?.rosterEmail ?? 'x');
    expect(plain.get('audit-log.csv')).toContain('req_0123456789abcdef');
    expect(JSON.parse(plain.get('sanity-report.json') ?? '{}')).toMatchObject({
      summary: { byCode: { MISSING_APPLICATION_ID: 1 } },
    });

    const hidden = await unzip((await exportFile(services, 'support-bundle', true)).body);
    const hiddenText = [...hidden.values()].join('\n');
    expect(hiddenText).not.toContain(token);
    expect(hiddenText).not.toContain(secret);
    const emails = [...district.users.map((u) => u.email), ...district.license.map((e) => e.email)]
      .filter((e): e is string => !!e && e.trim().length > 0)
      .map((e) => e.trim());
    const leaked = emails.filter((e) => hiddenText.includes(e));
    expect(leaked).toEqual([]);
    expect(hiddenText).toMatch(/\[user-[0-9a-f]{10}\]@/);
    expect(JSON.parse(hidden.get('app.json') ?? '{}')).toMatchObject({ pseudonymised: true });
  });
});
