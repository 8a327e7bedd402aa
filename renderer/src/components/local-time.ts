const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A stored UTC timestamp in the admin's own time zone and format ("Nov 29, 2026, 10:33 AM"). */
export function localTime(iso: string | null | undefined, unknown = 'unknown'): string {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? unknown : format.format(at);
}
