/** "just now", "12 minutes ago", "3 hours ago", "2 days ago": how long ago a sync finished. */
export function age(iso: string | null, unknown = 'at an unknown time'): string {
  if (!iso) return unknown;
  const minutes = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}
