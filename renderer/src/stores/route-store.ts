import { create } from 'zustand';
import { routeFromHash } from '../lib/routes';
import type { RouteId } from '../lib/routes';

interface RouteState {
  route: RouteId;
  /** What the screen opened should show first (a connection to edit), taken once by that screen. */
  focus: string | null;
  go(route: RouteId, focus?: string): void;
  takeFocus(): string | null;
}

/** The current screen, mirrored in the URL hash (#/connections) so reload keeps it. */
export const useRouteStore = create<RouteState>((set, get) => ({
  route: routeFromHash(window.location.hash),
  focus: null,
  go: (route, focus) => {
    if (window.location.hash !== `#/${route}`) window.location.hash = `#/${route}`;
    set({ route, focus: focus ?? null });
  },
  takeFocus: () => {
    const focus = get().focus;
    if (focus !== null) set({ focus: null });
    return focus;
  },
}));

window.addEventListener('hashchange', () => {
  useRouteStore.setState({ route: routeFromHash(window.location.hash) });
});
