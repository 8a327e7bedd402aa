import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../shared/ipc/channel-names';

/**
 * The whole surface the renderer gets: one invoke function. No ipcRenderer, no Node, no
 * secrets; the main process validates the channel and payload of every call.
 */
contextBridge.exposeInMainWorld('rosterdesk', {
  transport: 'electron',
  invoke: (channel: string, payload: unknown): Promise<unknown> => {
    if (typeof channel !== 'string')
      return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, payload);
  },
});
