import { Badge, Tooltip } from '@mantine/core';

const SOURCES: Record<string, { short: string; label: string; fixAt: string }> = {
  classlink: {
    short: 'CL',
    label: 'Rostered by ClassLink',
    fixAt: 'edit this at ClassLink (or in the SIS)',
  },
  clever: { short: 'C', label: 'Rostered by Clever', fixAt: 'edit this at Clever (or in the SIS)' },
  'oneroster-csv': {
    short: 'CSV',
    label: 'From a OneRoster CSV export',
    fixAt: 'edit this in the SIS that produced the export',
  },
};

/** Where a record comes from, and so where it must be fixed (as Classkick's "C" for Clever). */
export function SourceBadge({ kind }: { kind: string }) {
  const source = SOURCES[kind] ?? { short: kind, label: kind, fixAt: '' };
  return (
    <Tooltip label={`${source.label}: ${source.fixAt}`}>
      <Badge size="sm" color="indigo.9" aria-label={source.label}>
        {source.short}
      </Badge>
    </Tooltip>
  );
}
