import { afterEach, describe, expect, it } from 'vitest';
import { registerIpc, trustedUrlMatcher } from '../../electron/main/ipc-adapter';
import type { IpcEventLike, IpcMainLike } from '../../electron/main/ipc-adapter';
import { startBrowserHost } from '../../electron/host/browser-host';
import type { BrowserHost } from '../../electron/host/browser-host';
import { IPC_INVOKE_CHANNEL } from '../../shared/ipc/contract';
import { recordingTable } from '../helpers/handler-table';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

/** Electron's ipcMain.handle/removeHandler, reduced to what the adapter calls (Electron cannot run here). */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (url: string, ...args: unknown[]) => {
    const handler = handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    return handler({ senderFrame: { url } }, ...args);
  };
  return { ipc, invoke, handlers };
}

const appUrl = 'file:///opt/RosterDesk/resources/app.asar/out/renderer/index.html';
let host: BrowserHost | null = null;
let tmp = makeTempDir();
afterEach(async () => {
  await host?.close();
  host = null;
  tmp.cleanup();
  tmp = makeTempDir();
});

describe('both transports', () => {
  it('dispatch through the same handler table', async () => {
    const { table, calls } = recordingTable();
    const logger = memoryLogger();
    const electron = fakeIpcMain();
    registerIpc(electron.ipc, table, logger, trustedUrlMatcher(appUrl));
    host = await startBrowserHost({ table, logger, rendererDir: tmp.dir, token: 'tok' });

    const viaIpc = await electron.invoke(appUrl, 'app.status', {});
    const viaHttp = await fetch(`http://127.0.0.1:${host.port}/api/app.status`, {
      method: 'POST',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: '{}',
    }).then((r) => r.json());

    expect(calls.map((c) => `${c.channel}/${c.context.transport}`)).toEqual([
      'app.status/electron',
      'app.status/browser-host',
    ]);
    expect(viaIpc).toMatchObject({ ok: true, value: { transport: 'electron' } });
    expect(viaHttp).toMatchObject({ ok: true, value: { transport: 'browser-host' } });
  });

  it('the same bad payload gets the same typed error on both', async () => {
    const { table } = recordingTable();
    const electron = fakeIpcMain();
    registerIpc(electron.ipc, table, memoryLogger(), trustedUrlMatcher(appUrl));
    host = await startBrowserHost({
      table,
      logger: memoryLogger(),
      rendererDir: tmp.dir,
      token: 'tok',
    });
    const bad = { name: 'x', settings: { kind: 'platform' } };
    const viaIpc = await electron.invoke(appUrl, 'connections.add', bad);
    const response = await fetch(`http://127.0.0.1:${host.port}/api/connections.add`, {
      method: 'POST',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: JSON.stringify(bad),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(viaIpc);
  });
});

describe('the Electron IPC adapter', () => {
  it('refuses calls from a frame that is not the app page', async () => {
    const { table, calls } = recordingTable();
    const electron = fakeIpcMain();
    registerIpc(electron.ipc, table, memoryLogger(), trustedUrlMatcher(appUrl));
    for (const url of ['https://evil.example/index.html', 'file:///tmp/other.html', '']) {
      expect(await electron.invoke(url, 'app.status', {})).toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      });
    }
    expect(calls).toHaveLength(0);
  });

  it('trusts the dev server by origin', () => {
    const trusted = trustedUrlMatcher('http://localhost:5173/');
    expect(trusted('http://localhost:5173/#/connections')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
  });

  it('can be unregistered', () => {
    const { table } = recordingTable();
    const electron = fakeIpcMain();
    const unregister = registerIpc(electron.ipc, table, memoryLogger(), trustedUrlMatcher(appUrl));
    unregister();
    expect(electron.handlers.size).toBe(0);
  });
});
