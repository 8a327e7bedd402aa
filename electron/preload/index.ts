import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/ipc/channel-names';

/**
 * The whole surface the renderer gets: one invoke function and one event listener. No ipcRenderer, no Node, no
 * secrets; the main process validates the channel and payload of every call.
 */
contextBridge.exposeInMainWorld('rosterdesk', {
  transport: 'electron',
  invoke: (channel: string, payload: unknown): Promise<unknown> => {
    if (typeof channel !== 'string')
      return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, payload);
  },
  /** Events from the main process (name and payload only: never the IPC event object). */
  onEvent: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const relay = (_event: unknown, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  },
});
