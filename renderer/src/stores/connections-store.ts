import { create } from 'zustand';
import type { ConnectionSave, ConnectionView } from '../../../shared/domain/connection';
import { errorMessage, invoke } from '../api/invoke';

interface ConnectionsState {
  connections: ConnectionView[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  add(input: ConnectionSave): Promise<ConnectionView>;
  update(id: string, input: ConnectionSave): Promise<ConnectionView>;
  remove(id: string): Promise<void>;
}

export const useConnectionsStore = create<ConnectionsState>((set, get) => ({
  connections: [],
  loaded: false,
  error: null,
  load: async () => {
    try {
      set({ connections: await invoke('connections.list', {}), loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },
  add: async (input) => {
    const view = await invoke('connections.add', input);
    await get().load();
    return view;
  },
  update: async (id, input) => {
    const view = await invoke('connections.update', { id, ...input });
    await get().load();
    return view;
  },
  remove: async (id) => {
    await invoke('connections.remove', { id });
    await get().load();
  },
}));
