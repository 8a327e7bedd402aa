import { Card, Group, Pagination, SegmentedControl, Table, Tabs, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Change, ChangeStatus } from '../../../../shared/domain/change';
import { invoke } from '../../api/invoke';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { useChangesStore } from '../../stores/changes-store';
import { AuditLogPanel } from './audit-log-panel';
import { ChangeRow } from './change-row';
import { PushPanel } from './push-panel';

const PAGE = 50;
const FILTERS: { value: ChangeStatus | 'open'; label: string }[] = [
  { value: 'open', label: 'All' },
  { value: 'staged', label: 'Staged' },
  { value: 'approved', label: 'Approved' },
  { value: 'applied', label: 'Applied' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'conflict', label: 'Conflicts' },
  { value: 'failed', label: 'Failed' },
];

export function ChangesScreen() {
  const counts = useChangesStore((s) => s.counts);
  const version = useChangesStore((s) => s.version);
  const refresh = useChangesStore((s) => s.refresh);
  const approve = useChangesStore((s) => s.approve);
  const discard = useChangesStore((s) => s.discard);
  const retry = useChangesStore((s) => s.retry);
  const restage = useChangesStore((s) => s.restage);
  const unapprove = useChangesStore((s) => s.unapprove);
  const running = useChangesStore((s) => s.push?.state === 'running');
  const [filter, setFilter] = useState<ChangeStatus | 'open'>('open');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Change[] | null>(null);
  const [total, setTotal] = useState(0);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void invoke('changes.list', {
      ...(filter === 'open' ? {} : { status: filter }),
      offset: (page - 1) * PAGE,
      limit: PAGE,
    }).then((list) => {
      setRows(list.rows);
      setTotal(list.total);
    });
  }, [filter, page, version]);

  const everything = Object.entries(counts).reduce(
    (n, [s, c]) => (s === 'discarded' ? n : n + c),
    0,
  );
  const header = (
    <ScreenHeader
      title="Changes"
      description="Staged changes to the license: nothing is sent until you approve it, and each approved change is applied on the platform exactly once."
    />
  );
  if (rows !== null && everything === 0)
    return (
      <>
        {header}
        <NextStepEmptyState
          icon={<IconChecklist size={28} aria-hidden />}
          title="Nothing staged"
          description="Fixes you propose from the dashboard or the License screen wait here for your approval."
          action={{ label: 'Open the dashboard', route: 'dashboard' }}
        />
        <Card withBorder mt="md">
          <AuditLogPanel />
        </Card>
      </>
    );
  return (
    <>
      {header}
      <PushPanel />
      <Tabs defaultValue="changes" mt="md">
        <Tabs.List>
          <Tabs.Tab value="changes">Change set</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="changes">
          <Group my="sm">
            <SegmentedControl
              aria-label="Show changes"
              value={filter}
              onChange={(v) => {
                setFilter(v as ChangeStatus | 'open');
                setPage(1);
              }}
              data={FILTERS.map((f) => ({
                value: f.value,
                label: `${f.label}${f.value === 'open' ? '' : ` (${counts[f.value] ?? 0})`}`,
              }))}
            />
          </Group>
          {rows && rows.length > 0 ? (
            <Table
              aria-label="Change set"
              striped
              verticalSpacing="xs"
              layout="fixed"
              style={{ width: '100%' }}
            >
              <colgroup>
                <col style={{ width: 110 }} />
                <col style={{ width: '26%' }} />
                <col />
                <col style={{ width: '18%' }} />
                <col style={{ width: 130 }} />
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Change</Table.Th>
                  <Table.Th>Before / after</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <ChangeRow
                    key={c.id}
                    change={c}
                    busy={running}
                    onApprove={(id) => void approve([id])}
                    onDiscard={(id) => void discard([id])}
                    onRetry={(id) => void retry([id])}
                    onRestage={(id) => void restage(id)}
                    onUnapprove={(id) => void unapprove([id])}
                  />
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed">No changes with this status.</Text>
          )}
          {total > PAGE ? (
            <Pagination
              mt="sm"
              total={Math.ceil(total / PAGE)}
              value={page}
              onChange={setPage}
              aria-label="Pages"
            />
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditLogPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
