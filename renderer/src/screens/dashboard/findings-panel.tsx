import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Finding, FindingCode } from '../../../../shared/domain/finding';
import { useInvoke } from '../../api/use-invoke';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { BulkStageEmailFixes, ProposeButton } from './finding-actions';

// Mantine's orange.9 is below AA with white text; this darker orange is not.
const COLOR = { error: 'red.9', warning: '#a33f00', info: 'blue.9' } as const;
const WHERE = {
  rosterdesk: 'In RosterDesk',
  'rostering-service': 'At the rostering service',
  sis: 'In the SIS',
  platform: 'With the platform',
} as const;

/**
 * The findings of one code. With `problem` (Start here's "Who and why"): the people Start here
 * files under it, each once, with their other problems as "Also".
 */
export function FindingsList({
  code,
  onOpenUser,
  problem,
}: {
  code: FindingCode;
  onOpenUser(): void;
  problem?: boolean;
}) {
  const page = useInvoke('diagnostics.findings', {
    code,
    limit: 200,
    ...(problem ? { problem: true } : {}),
  }).data;
  const rows: (Finding & { also?: FindingCode[] })[] | null = page?.rows ?? null;
  const total = page?.total ?? 0;
  const openUser = useDiagnosticsStore((s) => s.openUser);
  if (rows === null) return <Text c="dimmed">Loading…</Text>;
  return (
    <Stack gap="sm">
      {code === 'EMAIL_MISMATCH' ? <BulkStageEmailFixes onDone={() => undefined} /> : null}
      {rows.map((f, i) => (
        <Card key={i} withBorder padding="sm">
          <Text size="sm">{f.message}</Text>
          {f.suggestion ? (
            <Text size="sm" mt={4}>
              Suggested: {f.suggestion.licenseEmail} → {f.suggestion.rosterEmail} (
              {Math.round(f.suggestion.confidence * 100)}% confidence)
            </Text>
          ) : null}
          {f.evidence.length > 0 ? (
            <Text size="xs" c="dimmed" mt={4}>
              Evidence: {f.evidence.join('; ')}
            </Text>
          ) : null}
          <Text size="sm" mt={4}>
            <b>{WHERE[f.fix.where]}:</b> {f.fix.action}
          </Text>
          {f.also?.length ? (
            <Text size="sm" mt={4} c="dimmed">
              {`Also: ${f.also.join(', ')} (listed here because this one is fixed first)`}
            </Text>
          ) : null}
          <Group gap="xs" mt="xs">
            <ProposeButton finding={f} />
            {f.subjects
              .filter((s) => s.kind === 'user')
              .map((s) => (
                <Button
                  key={s.id}
                  size="compact-xs"
                  variant="default"
                  onClick={() => {
                    onOpenUser();
                    openUser(s.id);
                  }}
                >
                  {`User report: ${s.email || s.id}`}
                </Button>
              ))}
          </Group>
        </Card>
      ))}
      {total > rows.length ? (
        <Text
          size="sm"
          c="dimmed"
        >{`Showing ${rows.length} of ${total}; export the report for all.`}</Text>
      ) : null}
    </Stack>
  );
}

/** Findings grouped by severity and code, each code opening its list with the fix and where to make it. */
export function FindingsPanel() {
  const summary = useDiagnosticsStore((s) => s.summary);
  const [open, setOpen] = useState<FindingCode | null>(null);
  if (!summary) return null;
  return (
    <Card withBorder role="region" aria-label="Findings">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          Why teachers or classes may not show up
        </Title>
        <Group gap="xs">
          <Badge color={COLOR.error}>{`${summary.bySeverity.error} errors`}</Badge>
          <Badge color={COLOR.warning}>{`${summary.bySeverity.warning} warnings`}</Badge>
          <Badge color={COLOR.info}>{`${summary.bySeverity.info} info`}</Badge>
        </Group>
      </Group>
      {!summary.license ? (
        <Text size="sm" mb="xs">
          No license list yet: import the license export on the License screen to check emails,
          invitations and seats.
        </Text>
      ) : (
        <Text
          size="sm"
          c="dimmed"
          mb="xs"
        >{`License list: ${summary.license.source}, ${summary.license.entries} entries`}</Text>
      )}
      <Text size="sm" c="dimmed" mb="xs">
        Every finding, by code: one person can have several. Start here lists each person once,
        under the problem to fix first, so its counts can be smaller.
      </Text>
      {summary.byCode.length === 0 ? (
        <Text>No problems found in this roster.</Text>
      ) : (
        <Table aria-label="Findings by code">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Count</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.byCode.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td>
                  <Badge color={COLOR[c.severity]}>{c.severity}</Badge>
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setOpen(c.code)}>
                    {c.code}
                  </Button>
                </Table.Td>
                <Table.Td>{c.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ?? ''}
        size="xl"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {open ? <FindingsList key={open} code={open} onOpenUser={() => setOpen(null)} /> : null}
      </Modal>
    </Card>
  );
}
