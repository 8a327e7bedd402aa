import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { Change, ChangeFields } from '../../../../shared/domain/change';
import { CHANGE_KIND_LABEL } from '../../../../shared/domain/change';

export const STATUS_COLOR: Record<Change['status'], string> = {
  staged: 'gray.7',
  approved: 'blue.9',
  applied: 'teal.9',
  rejected: 'red.9',
  conflict: '#a33f00',
  failed: 'red.9',
  discarded: 'gray.7',
};

export const STATUS_WORD: Record<Change['status'], string> = {
  staged: 'Staged',
  approved: 'Approved',
  applied: 'Applied',
  rejected: 'Rejected',
  conflict: 'Conflict',
  failed: 'Failed',
  discarded: 'Discarded',
};

/** Field names as an admin reads them. */
const FIELD_LABEL: Record<string, string> = {
  email: 'email',
  givenName: 'first name',
  familyName: 'last name',
  status: 'status',
  version: 'version',
  account: 'account',
  provenance: 'source',
  mergedInto: 'merged into',
  seatsFreed: 'seats freed',
  workRecords: 'work records',
  workRecordsLost: 'work records erased',
  lastActiveAt: 'last active',
  removed: 'removed',
  applicationId: 'Application ID',
  connectionId: 'connection',
  onLicense: 'on the license',
  invitation: 'invitation',
};

/** Where a change came from, in words. */
const ORIGIN_LABEL: Record<string, string> = {
  'license-screen': 'the License screen',
  EMAIL_MISMATCH: 'an email mismatch finding',
  NOT_ON_LICENSE: 'a teacher not on the license',
  INVITE_PENDING: 'a pending invitation',
  DUPLICATE_ACCOUNT: 'a duplicate account finding',
  OLD_STUDENT_WORKSHEET: 'the old student accounts worksheet',
  OLD_STUDENT_CLEANUP: 'the clean-up of unclaimed old student accounts',
  conflict: 'a conflict, on the platform version',
};
export const originLabel = (origin: string) =>
  ORIGIN_LABEL[origin] ?? origin.replace(/^bulk add: /, 'bulk add from ');

/** Platform record ids: support reads them in the audit log; a row shows the names and emails. */
const INTERNAL_IDS = new Set(['account', 'mergedInto', 'connectionId']);
const number = new Intl.NumberFormat();

const fields = (f: ChangeFields | null, keys?: string[]) =>
  f
    ? Object.entries(f)
        .filter(([k, v]) => v !== null && !INTERNAL_IDS.has(k) && (!keys || keys.includes(k)))
        .map(
          ([k, v]) =>
            `${FIELD_LABEL[k] ?? k}: ${typeof v === 'number' ? number.format(v) : String(v)}`,
        )
        .join(', ')
    : '';

/** One change: what it does, before and after, the evidence, its result, and what may be done with it. */
export function ChangeRow(props: {
  change: Change;
  onApprove(id: string): void;
  onDiscard(id: string): void;
  onRetry(id: string): void;
  onRestage(id: string): void;
  onUnapprove(id: string): void;
  busy: boolean;
}) {
  const c = props.change;
  const keys = Object.keys(c.after);
  return (
    <Table.Tr data-testid="change-row" data-status={c.status}>
      <Table.Td>
        <Badge
          color={STATUS_COLOR[c.status]}
          aria-label={`Status: ${STATUS_WORD[c.status]}`}
          styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
        >
          {STATUS_WORD[c.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {CHANGE_KIND_LABEL[c.kind]}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {c.subject}
        </Text>
        <Text size="xs" c="dimmed">{`From ${originLabel(c.origin)}`}</Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Stack gap={2}>
          {c.before ? <Text size="sm">{`Before: ${fields(c.before)}`}</Text> : null}
          <Text size="sm">{`After: ${fields(c.after)}`}</Text>
          {c.current ? (
            <Text
              size="sm"
              c="#a33f00"
            >{`On the platform now: ${fields(c.current, [...keys, 'version', 'status'])}`}</Text>
          ) : null}
          {c.evidence.length > 0 ? (
            <Text size="xs" c="dimmed">{`Evidence: ${c.evidence.join('; ')}`}</Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        {c.resultMessage ? <Text size="sm">{c.resultMessage}</Text> : null}
        {c.platformRequestId ? (
          <Text size="xs" c="dimmed">{`Platform request ${c.platformRequestId}`}</Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap">
          {c.status === 'staged' ? (
            <Button size="compact-xs" disabled={props.busy} onClick={() => props.onApprove(c.id)}>
              Approve
            </Button>
          ) : null}
          {c.status === 'approved' && c.attempts === 0 ? (
            <Button
              size="compact-xs"
              variant="default"
              disabled={props.busy}
              onClick={() => props.onUnapprove(c.id)}
              aria-label={`Un-approve ${CHANGE_KIND_LABEL[c.kind]} for ${c.subject}`}
            >
              Un-approve
            </Button>
          ) : null}
          {c.status === 'conflict' && c.current ? (
            <Button
              size="compact-xs"
              variant="default"
              disabled={props.busy}
              onClick={() => props.onRestage(c.id)}
              aria-label={`Stage again on the platform's version: ${c.subject}`}
            >
              Stage again on this version
            </Button>
          ) : null}
          {c.status === 'failed' ? (
            <Button
              size="compact-xs"
              variant="default"
              disabled={props.busy}
              onClick={() => props.onRetry(c.id)}
            >
              Retry
            </Button>
          ) : null}
          {['staged', 'approved', 'conflict', 'failed', 'rejected'].includes(c.status) &&
          !(c.status === 'approved' && c.attempts > 0) ? (
            <Button
              size="compact-xs"
              variant="default"
              disabled={props.busy}
              onClick={() => props.onDiscard(c.id)}
              aria-label={`Discard ${CHANGE_KIND_LABEL[c.kind]} for ${c.subject}`}
            >
              Discard
            </Button>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
