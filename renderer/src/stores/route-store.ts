import { create } from 'zustand';
import { routeFromHash } from '../lib/routes';
import type { RouteId } from '../lib/routes';

interface RouteState {
  route: RouteId;
  go(route: RouteId): void;
}

/** The current screen, mirrored in the URL hash (#/connections) so reload keeps it. */
export const useRouteStore = create<RouteState>((set) => ({
  route: routeFromHash(window.location.hash),
  go: (route) => {
    if (window.location.hash !== `#/${route}`) window.location.hash = `#/${route}`;
    set({ route });
  },
}));

window.addEventListener('hashchange', () => {
  useRouteStore.setState({ route: routeFromHash(window.location.hash) });
});
