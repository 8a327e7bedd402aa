import { create } from 'zustand';
import type { AppStatus } from '../../../shared/domain/app-status';
import { errorMessage, invoke } from '../api/invoke';

interface AppStatusState {
  status: AppStatus | null;
  error: string | null;
  load(): Promise<void>;
  recheckKeychain(): Promise<void>;
}

export const useAppStatusStore = create<AppStatusState>((set, get) => ({
  status: null,
  error: null,
  load: async () => {
    try {
      set({ status: await invoke('app.status', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  recheckKeychain: async () => {
    const keychain = await invoke('keychain.status', {});
    const status = get().status;
    if (status) set({ status: { ...status, keychain } });
  },
}));
