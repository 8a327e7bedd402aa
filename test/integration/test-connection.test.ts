import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { testConnection } from '../../electron/core/connection-test/test-connection';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../sandbox/oneroster/oneroster-server';
import { smallDistrict } from '../helpers/district-fixtures';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir();
let services: AppServices;
let roster: RunningServer;
let html: http.Server;
let htmlPort = 0;
let closedPort = 0;

beforeAll(async () => {
  services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
  roster = await startOneRosterServer({
    district: smallDistrict(),
    clientId: 'right-id',
    clientSecret: 'right-secret',
  });
  html = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>District portal</title><p>Welcome</p>');
  });
  await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
  htmlPort = (html.address() as AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
  await roster.close();
  await new Promise((r) => html.close(r));
  await services.close();
  tmp.cleanup();
});

const classLink = (baseUrl: string, secret = 'right-secret') =>
  testConnection(services.connections, {
    settings: { kind: 'classlink', baseUrl, authMethod: 'oauth1', clientId: 'right-id' },
    secrets: { clientSecret: secret },
  });

describe('Test connection answers in plain words within 10 s', () => {
  const cases: [string, () => Promise<Awaited<ReturnType<typeof classLink>>>, RegExp][] = [
    [
      'a wrong host',
      () => classLink('http://no-such-host.invalid/ims/oneroster/v1p1'),
      /^The host no-such-host\.invalid was not found: check the spelling of the URL\.$/,
    ],
    [
      'a closed port',
      () => classLink(`http://127.0.0.1:${closedPort}/ims/oneroster/v1p1`),
      /^Nothing is listening at 127\.0\.0\.1:\d+: check the URL and the port\.$/,
    ],
    [
      'a wrong secret',
      () => classLink(roster.baseUrl, 'wrong-secret'),
      /rejected the credentials: check the client ID and secret/,
    ],
    [
      'a URL that answers HTML',
      () => classLink(`http://127.0.0.1:${htmlPort}/ims/oneroster/v1p1`),
      /answers, but not as a OneRoster endpoint \(it sent something else, such as a web page\)/,
    ],
  ];
  it.each(cases)('%s', async (_what, run, sentence) => {
    const started = Date.now();
    const result = await run();
    expect(result.ok).toBe(false);
    expect(result.sentence).toMatch(sentence);
    expect(result.detail.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the right settings: connected, and nothing was saved', async () => {
    const result = await classLink(roster.baseUrl);
    expect(result).toMatchObject({ ok: true });
    expect(result.sentence).toMatch(
      /^Connected: 127\.0\.0\.1:\d+ answered as a OneRoster endpoint .*; its users are OneRoster 1\.1 records \(one role each\)\.$/,
    );
    expect(services.connections.list()).toEqual([]);
  });

  it('says which OneRoster version the users are, and when the version chosen refuses them', async () => {
    const v1p2 = roster.baseUrl1p2 ?? '';
    const test = (onerosterVersion: '1.1' | '1.2' | 'detect') =>
      testConnection(services.connections, {
        settings: {
          kind: 'classlink',
          baseUrl: v1p2,
          authMethod: 'oauth1',
          onerosterVersion,
          clientId: 'right-id',
        },
        secrets: { clientSecret: 'right-secret' },
      });
    const detected = await test('detect');
    expect(detected.ok).toBe(true);
    expect(detected.sentence).toMatch(/; its users are OneRoster 1\.2 records \(a roles list\)\.$/);
    const refused = await test('1.1');
    expect(refused.ok).toBe(false);
    expect(refused.sentence).toMatch(
      /but its users are OneRoster 1\.2 records, which the version chosen \(1\.1\) refuses: choose 1\.2 or detect\.$/,
    );
  });
});
