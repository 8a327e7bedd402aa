import { HOST_API_PREFIX } from '../../../shared/ipc/contract';

/** What a transport does: send a channel and payload, get back the raw IpcResult envelope. */
export interface Transport {
  kind: 'electron' | 'browser-host';
  send(channel: string, payload: unknown): Promise<unknown>;
}

interface PreloadBridge {
  transport: 'electron';
  invoke(channel: string, payload: unknown): Promise<unknown>;
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

function httpTransport(): Transport {
  const token = takeHostToken();
  return {
    kind: 'browser-host',
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
    return { kind: 'electron', send: (channel, payload) => bridge.invoke(channel, payload) };
  return httpTransport();
}
