export const routes = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'users', label: 'Users' },
  { id: 'classes', label: 'Classes' },
  { id: 'license', label: 'License' },
  { id: 'students', label: 'Old student accounts' },
  { id: 'changes', label: 'Changes' },
  { id: 'reports', label: 'Reports' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
  return routes.find((r) => r.id === id)?.id ?? 'dashboard';
}
