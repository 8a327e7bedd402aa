import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../electron/host/browser-host';
import type { BrowserHost } from '../../electron/host/browser-host';
import { MAX_REQUEST_BYTES } from '../../shared/ipc/contract';
import { recordingTable } from '../helpers/handler-table';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

let host: BrowserHost;
let tmp: ReturnType<typeof makeTempDir>;
const api = (channel: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/${channel}`, { method: 'POST', ...init });
const authed = { Authorization: 'Bearer right-token', 'Content-Type': 'application/json' };

beforeEach(async () => {
  tmp = makeTempDir();
  fs.writeFileSync(path.join(tmp.dir, 'index.html'), '<!doctype html><title>RosterDesk</title>');
  fs.writeFileSync(path.join(path.dirname(tmp.dir), 'outside-secret.txt'), 'nope');
  host = await startBrowserHost({
    table: recordingTable().table,
    logger: memoryLogger(),
    rendererDir: tmp.dir,
    token: 'right-token',
  });
});
afterEach(async () => {
  await host.close();
  tmp.cleanup();
});

describe('the browser host', () => {
  it('answers 401 without the token or with a wrong one', async () => {
    for (const headers of [
      { 'Content-Type': 'application/json' },
      { ...authed, Authorization: 'Bearer wrong-token' },
      { ...authed, Authorization: 'right-token' },
    ]) {
      const response = await api('app.status', { headers, body: '{}' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('answers with the token', async () => {
    const response = await api('app.status', { headers: authed, body: '{}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: external.address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=right-token$/);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: host.port }, () => {
        socket.write(
          'POST /api/app.status HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: Bearer right-token\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
        );
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1])));
      socket.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('refuses calls from another origin', async () => {
    const response = await api('app.status', {
      headers: { ...authed, Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('limits body size and rejects malformed JSON and unknown channels', async () => {
    const big = await api('connections.add', {
      headers: authed,
      body: JSON.stringify({ name: 'x'.repeat(MAX_REQUEST_BYTES) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const badPercent = await api('connections.%E0%A4%A', { headers: authed, body: '{}' });
    expect(badPercent.status).toBe(400);
    expect(await badPercent.json()).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'The channel name in the URL is not valid' },
    });
    const malformed = await api('connections.add', { headers: authed, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON' },
    });
    const unknown = await api('nope.nothing', { headers: authed, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
    const wrongMethod = await fetch(`http://127.0.0.1:${host.port}/api/app.status`, {
      headers: authed,
    });
    expect(wrongMethod.status).toBe(405);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const index = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    for (const probe of [
      '/../outside-secret.txt',
      '/%2e%2e/outside-secret.txt',
      '/..%2foutside-secret.txt',
    ]) {
      const response = await fetch(`http://127.0.0.1:${host.port}${probe}`);
      expect(response.status).toBe(404);
    }
  });
});
