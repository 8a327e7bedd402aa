import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../electron/host/browser-host';
import { createHandlers } from '../../electron/core/handlers';
import { forwardEvents } from '../../electron/main/ipc-adapter';
import type { WebContentsLike } from '../../electron/main/ipc-adapter';
import { IPC_EVENT_CHANNEL } from '../../shared/ipc/channel-names';
import { eventNames, events } from '../../shared/ipc/events';
import { sseParser } from '../../renderer/src/api/transport';
import { openDemoDistrict, servicesPerTest } from '../helpers/demo-district';
import { waitUntil } from '../helpers/wait-for';

const app = servicesPerTest();

interface Received {
  name: string;
  payload: unknown;
}

/** Reads the browser host's event stream as the window does (fetch with the token). */
async function readStream(url: string, token: string | null, into: Received[]) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reading = (async () => {
    if (!response.ok || !response.body) return;
    const feed = sseParser((name, data) => into.push({ name, payload: JSON.parse(data) }));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        feed(value);
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return {
    status: response.status,
    body: response.ok ? null : await response.text(),
    stop: async () => {
      controller.abort();
      await reading;
    },
  };
}

/** A window as Electron's main process sees it: its page's URL, and what it was sent. */
function fakeWindow(url: string): WebContentsLike & { got: Received[] } {
  const got: Received[] = [];
  return {
    got,
    getURL: () => url,
    isDestroyed: () => false,
    send: (channel, name, payload) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      got.push({ name: String(name), payload });
    },
  };
}

describe('events from the main process to the window', () => {
  it('each event reaches the window over both transports, parsed with its schema; an unauthenticated client gets none', async () => {
    const { services } = app;
    const host = await startBrowserHost({
      table: createHandlers(services),
      logger: services.logger,
      rendererDir: '/nonexistent',
      events: services.events,
      token: 'test-token',
    });
    const eventsUrl = `http://127.0.0.1:${host.port}/api/events`;
    const overHttp: Received[] = [];
    const toStranger: Received[] = [];
    const wrongToken: Received[] = [];
    const stream = await readStream(eventsUrl, 'test-token', overHttp);
    const stranger = await readStream(eventsUrl, null, toStranger);
    const forged = await readStream(eventsUrl, 'not-the-token', wrongToken);
    const trusted = fakeWindow('file:///app/out/renderer/index.html');
    const elsewhere = fakeWindow('https://example.com/');
    const stopForwarding = forwardEvents(
      services.events,
      () => [trusted, elsewhere],
      (url) => url === 'file:///app/out/renderer/index.html',
    );
    try {
      expect(stream.status).toBe(200);
      expect(stranger.status).toBe(401);
      expect(stranger.body).toMatch(/token/);
      expect(forged.status).toBe(401);

      // sync.progress: the demo's sync, running then complete.
      await openDemoDistrict(services);
      // changes.count: staging email fixes; push.progress: approving and pushing them.
      const { staged } = await services.staging.stageEmailFixes(0);
      expect(staged).toBeGreaterThan(0);
      services.changes.approve('all');
      services.push.start();
      await services.push.wait();
      // notice: sent by the services (a resumed push's end); sent here directly.
      services.events.emit('notice', { level: 'info', title: 'Test', message: 'Said once' });

      const complete = (got: Received[]) =>
        got.some(
          (e) =>
            e.name === 'push.progress' && (e.payload as { state: string }).state === 'completed',
        ) &&
        got.some(
          (e) =>
            e.name === 'changes.count' &&
            ((e.payload as { counts: Record<string, number> }).counts.applied ?? 0) === staged,
        ) &&
        got.some((e) => e.name === 'notice');
      await waitUntil('every event over the event stream', () => complete(overHttp), {
        seconds: 10,
      });
      await waitUntil('every event over Electron IPC', () => complete(trusted.got), {
        seconds: 10,
      });

      for (const got of [overHttp, trusted.got]) {
        // Every event of the contract, each matching its schema.
        expect(new Set(got.map((e) => e.name))).toEqual(new Set(eventNames));
        for (const e of got)
          expect(events[e.name as keyof typeof events].safeParse(e.payload).success).toBe(true);
        const sync = got.filter((e) => e.name === 'sync.progress').map((e) => e.payload);
        expect(sync[0]).toMatchObject({ state: 'running' });
        expect(sync.at(-1)).toMatchObject({ state: 'complete' });
        const push = got.filter((e) => e.name === 'push.progress').map((e) => e.payload);
        expect(push[0]).toMatchObject({ state: 'running', total: staged });
        expect(push.at(-1)).toMatchObject({ state: 'completed', applied: staged });
      }
      // The same events, in the same order, over both transports.
      expect(overHttp.map((e) => e.name)).toEqual(trusted.got.map((e) => e.name));
      // Nothing to a window showing another page, nor to a client without the token.
      expect(elsewhere.got).toEqual([]);
      expect(toStranger).toEqual([]);
      expect(wrongToken).toEqual([]);
    } finally {
      stopForwarding();
      await Promise.all([stream.stop(), stranger.stop(), forged.stop()]);
      await host.close();
    }
  }, 90_000);

  it('a payload that does not match its schema is not sent; unknown fields are stripped', () => {
    const got: Received[] = [];
    const stop = app.services.events.subscribe((name, payload) => got.push({ name, payload }));
    app.services.events.emit('notice', {
      level: 'loud' as 'info',
      title: 'Bad',
      message: 'not sent',
    });
    app.services.events.emit('notice', {
      level: 'info',
      title: 'Good',
      message: 'sent',
      secret: 'SENTINEL',
    } as never);
    stop();
    expect(got).toEqual([
      { name: 'notice', payload: { level: 'info', title: 'Good', message: 'sent' } },
    ]);
  });
});
