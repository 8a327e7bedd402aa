/**
 * The console's screens, in the order of the navigation: the renderer's routes (#/users) and the
 * desktop app's Go menu, keyboard shortcuts and notifications all name a screen by its id.
 */
export const screens = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'users', label: 'Users' },
  { id: 'classes', label: 'Classes' },
  { id: 'license', label: 'License' },
  { id: 'students', label: 'Old student accounts' },
  { id: 'changes', label: 'Changes' },
  { id: 'reports', label: 'Reports' },
  { id: 'watch', label: 'Watch' },
  { id: 'year', label: 'New school year' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

export function isScreenId(value: unknown): value is ScreenId {
  return screens.some((s) => s.id === value);
}

/** The screen a URL hash names (#/users, #users?x=1), the dashboard for anything else. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
  return screens.find((s) => s.id === id)?.id ?? 'dashboard';
}
