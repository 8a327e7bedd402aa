import { Button, Card, Group, Modal, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { ScrollTable } from '../../components/scroll-table';
import { useState } from 'react';
import type { ReclaimList } from '../../../../shared/domain/new-year';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { stagePicks } from './stage-picks';

const idle = (days: number | null, status: string) =>
  days === null
    ? 'never active'
    : `${days} days ${status === 'invited' ? 'since invited' : 'idle'}`;

/**
 * Seats held by people who do not use them: a reminder (or the invitation again) first; removal,
 * freeing the seat, only after the grace period. Everything is staged for approval.
 */
export function ReclaimCard({ list, changed }: { list: ReclaimList; changed: () => void }) {
  const [days, setDays] = useState<number | string>(list.days);
  const [confirm, setConfirm] = useState(false);
  const open = list.items.filter((i) => !i.pending);
  const removable = open.filter((i) => i.remove);
  const teaching = removable.filter((i) => i.classes > 0).length;
  const saveDays = async () => {
    try {
      await invoke('settings.set', { key: 'reclaim.idleDays', value: Number(days) });
      changed();
    } catch (error) {
      notify('error', errorMessage(error), 'Not saved');
    }
  };
  const stage = async (requests: Parameters<typeof stagePicks>[0]) => {
    if (await stagePicks(requests, 'RECLAIM')) changed();
  };
  return (
    <Card withBorder role="region" aria-label="Seats nobody uses">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {`Seats nobody uses: ${list.items.length}`}
        </Title>
        <Text size="sm">
          {`Licensed teachers with no activity on the platform for ${list.days} days, and invitations pending as long. Remind them first; removing them, which frees the seat, is offered ${list.graceDays} days after a reminder (or once idle for ${list.days + list.graceDays} days). Everything is staged for approval.`}
        </Text>
        <Group align="flex-end">
          <NumberInput
            label="Idle for at least (days)"
            min={7}
            max={730}
            value={days}
            onChange={setDays}
            w={200}
          />
          <Button
            variant="default"
            onClick={() => void saveDays()}
            disabled={Number(days) === list.days}
          >
            Apply
          </Button>
        </Group>
        {list.items.length > 0 && (
          <ScrollTable label={`Unused seats, scrolling sideways`} minWidth={720}>
            <Table withTableBorder fz="sm" aria-label="Unused seats">
              <Table.Tbody>
                {list.items.slice(0, 200).map((i) => (
                  <Table.Tr key={i.teacherId}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {i.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {i.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{idle(i.idleDays, i.status)}</Table.Td>
                    <Table.Td>{i.evidence.slice(1).join('; ')}</Table.Td>
                    <Table.Td>
                      {i.pending ? (
                        <Text size="sm" c="dimmed">{`${i.pending} already staged`}</Text>
                      ) : (
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            onClick={() => void stage([i.first])}
                          >
                            {i.first.kind === 'resend' ? 'Resend' : 'Remind'}
                          </Button>
                          {i.remove ? (
                            <Button
                              size="compact-sm"
                              variant="light"
                              color="red"
                              onClick={() => void stage([i.remove ?? i.first])}
                            >
                              Remove, freeing a seat
                            </Button>
                          ) : (
                            <Text size="xs" c="dimmed">{`Remove from ${i.removeFrom ?? ''}`}</Text>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {open.length > 1 && (
          <Group>
            <Button variant="light" onClick={() => void stage(open.map((i) => i.first))}>
              {`Remind all ${open.length}`}
            </Button>
            {removable.length > 0 && (
              <Button variant="light" color="red" onClick={() => setConfirm(true)}>
                {`Remove ${removable.length} past the grace period…`}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={confirm}
        onClose={() => setConfirm(false)}
        title="Remove from the license?"
      >
        <Stack>
          <Text size="sm">
            {`Stages the removal of ${removable.length} teacher${removable.length === 1 ? '' : 's'} past the grace period, freeing ${removable.length} seat${removable.length === 1 ? '' : 's'}.${teaching > 0 ? ` ${teaching} of them still teach${teaching === 1 ? 'es' : ''} classes in today's roster: they lose access to those classes on the platform.` : ''} Nothing is pushed until you approve it on Changes.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirm(false);
                void stage(removable.flatMap((i) => (i.remove ? [i.remove] : [])));
              }}
            >
              Stage the removals
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
