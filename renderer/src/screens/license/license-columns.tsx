import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { PROVENANCE_LABEL } from '../../../../shared/platform/platform-wire';
import type { LicenseRow } from '../../../../shared/domain/license';
import type { Column } from '../../components/virtual-table';

const SOURCE = {
  manual: { short: 'M', label: 'Added on the platform by hand', color: 'gray.7' },
  classlink: {
    short: 'CL',
    label: 'Rostered by ClassLink: names and email are edited at ClassLink',
    color: 'indigo.9',
  },
  clever: {
    short: 'C',
    label: 'Rostered by Clever: names and email are edited at Clever',
    color: 'indigo.9',
  },
} as const;

export function licenseColumns(actions: {
  editable: boolean;
  onChangeEmail(row: LicenseRow): void;
  onResend(row: LicenseRow): void;
  onRemove(row: LicenseRow): void;
}): Column<LicenseRow>[] {
  return [
    {
      key: 'source',
      header: 'Source',
      width: 64,
      render: (r) => {
        const s = r.source
          ? SOURCE[r.source]
          : { short: 'CSV', label: 'From a license export', color: 'gray.7' };
        return (
          <Tooltip label={s.label}>
            <Badge size="sm" color={s.color} aria-label={s.label}>
              {s.short}
            </Badge>
          </Tooltip>
        );
      },
    },
    {
      key: 'name',
      header: 'Name',
      width: 180,
      shrink: true,
      minWidth: 100,
      render: (r) => [r.familyName, r.givenName].filter(Boolean).join(', '),
      text: (r) => [r.familyName, r.givenName].filter(Boolean).join(', '),
    },
    {
      key: 'email',
      header: 'Email',
      width: 360,
      shrink: true,
      minWidth: 130,
      render: (r) => r.email,
      text: (r) => r.email,
    },
    {
      key: 'status',
      header: 'Status',
      width: 100,
      render: (r) => (
        <Badge
          color={r.status === 'active' ? 'teal.9' : '#a33f00'}
          styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
        >
          {r.status === 'active' ? 'Active' : 'Invited'}
        </Badge>
      ),
    },
    {
      key: 'pending',
      header: 'Staged',
      width: 110,
      shrink: true,
      minWidth: 70,
      render: (r) => (r.pending.length ? <Badge color="blue.9">{r.pending.join(', ')}</Badge> : ''),
      text: (r) => (r.pending.length ? `Staged: ${r.pending.join(', ')}` : null),
    },
    {
      key: 'actions',
      header: 'Actions',
      width: 290,
      render: (r) =>
        actions.editable && r.platformId ? (
          <Group gap={4} wrap="nowrap">
            {r.source && r.source !== 'manual' ? (
              <Tooltip label={`Rostered: the email is edited at ${PROVENANCE_LABEL[r.source]}`}>
                <Text size="xs">{`Email at ${PROVENANCE_LABEL[r.source]}`}</Text>
              </Tooltip>
            ) : (
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => actions.onChangeEmail(r)}
                aria-label={`Change email of ${r.email}`}
              >
                Change email
              </Button>
            )}
            {r.status === 'invited' ? (
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => actions.onResend(r)}
                aria-label={`Resend invitation to ${r.email}`}
              >
                Resend
              </Button>
            ) : null}
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => actions.onRemove(r)}
              aria-label={`Remove ${r.email} from the license`}
            >
              Remove
            </Button>
          </Group>
        ) : (
          ''
        ),
    },
  ];
}
