import { HOST_API_PREFIX, HOST_EVENTS_PATH } from '../../../shared/ipc/contract';

/** What a transport does: send a channel and payload, get back the raw IpcResult envelope. */
export interface Transport {
  kind: 'electron' | 'browser-host';
  send(channel: string, payload: unknown): Promise<unknown>;
  /**
   * Receives the main process's events (raw: the caller parses them with their schema). `opened`
   * is called each time the stream (re)connects, so the caller reads again what it may have missed.
   * Returns the call that stops listening.
   */
  listen(onEvent: (name: string, payload: unknown) => void, opened: () => void): () => void;
}

interface PreloadBridge {
  transport: 'electron';
  invoke(channel: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    rosterdesk?: PreloadBridge;
  }
}

const TOKEN_KEY = 'rosterdesk.token';

/** Reads the per-launch token from #token=… once, keeps it for this tab, and clears it from the URL. */
function takeHostToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', `${window.location.pathname}#/dashboard`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Parses server-sent events out of the chunks of a stream, calling `onEvent` for each whole one. */
export function sseParser(onEvent: (name: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(name, data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  };
}

/**
 * The browser host's event stream, read with fetch (an EventSource cannot send the token) and
 * opened again after a drop (the host restarting, a laptop waking), waiting longer each time up to
 * 10 s.
 */
function listenOverHttp(
  token: string | null,
  onEvent: (name: string, payload: unknown) => void,
  opened: () => void,
): () => void {
  const controller = new AbortController();
  let wait = 500;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(HOST_EVENTS_PATH, {
          headers: { Authorization: `Bearer ${token ?? ''}` },
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          wait = 500;
          opened();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          const feed = sseParser((name, data) => {
            try {
              onEvent(name, JSON.parse(data) as unknown);
            } catch {
              // Not JSON: not one of ours; the next event stands on its own.
            }
          });
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            feed(value);
          }
        }
      } catch {
        // The host went away or the tab is closing: try again below unless stopped.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(10_000, wait * 2);
    }
  };
  void run();
  return () => controller.abort();
}

function httpTransport(): Transport {
  const token = takeHostToken();
  return {
    kind: 'browser-host',
    listen: (onEvent, opened) => listenOverHttp(token, onEvent, opened),
    async send(channel, payload) {
      const response = await fetch(`${HOST_API_PREFIX}${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(payload ?? {}),
      });
      try {
        return (await response.json()) as unknown;
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `The browser host answered ${response.status} without a RosterDesk reply`,
          },
        };
      }
    },
  };
}

/** Electron's preload bridge when present, else the browser host over loopback HTTP. */
export function pickTransport(): Transport {
  const bridge = window.rosterdesk;
  if (bridge)
    return {
      kind: 'electron',
      send: (channel, payload) => bridge.invoke(channel, payload),
      listen: (onEvent, opened) => {
        const stop = bridge.onEvent(onEvent);
        opened();
        return stop;
      },
    };
  return httpTransport();
}
