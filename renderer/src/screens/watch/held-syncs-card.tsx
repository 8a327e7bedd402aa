import { Alert, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { HeldSync } from '../../../../shared/domain/watch';
import { errorMessage, invoke } from '../../api/invoke';
import { localTime } from '../../components/local-time';
import { notify } from '../../lib/notify';

const n = (x: number) => x.toLocaleString('en-US');

/** One sync held for review: why, what would disappear and change, and the admin's answer. */
function HeldSyncReview({ held, answered }: { held: HeldSync; answered: () => void }) {
  const [confirmReject, setConfirmReject] = useState(false);
  const [busy, setBusy] = useState(false);
  const answer = async (accept: boolean) => {
    setBusy(true);
    try {
      if (accept) await invoke('watch.accept', { snapshotId: held.snapshotId });
      else await invoke('watch.reject', { snapshotId: held.snapshotId });
      notify(
        'success',
        accept
          ? `The held sync of ${held.connectionName} is current now`
          : `The held sync of ${held.connectionName} was discarded; the current snapshot stays`,
      );
      answered();
    } catch (error) {
      notify('error', errorMessage(error));
    } finally {
      setBusy(false);
      setConfirmReject(false);
    }
  };
  const { review } = held;
  return (
    <Card withBorder role="region" aria-label={`Held sync of ${held.connectionName}`}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {`${held.connectionName}: sync held for review`}
        </Title>
        <Text size="sm">
          {`Synced ${localTime(held.heldAt)}. It did not become current: the dashboard, the reports and the license checks still use the previous sync until you accept it.`}
        </Text>
        <Alert color="orange" variant="light" title="Why it is held">
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {review.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Alert>
        <Table aria-label="What would disappear and change, per resource" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Records</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Would disappear</Table.Th>
              <Table.Th>Would change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.resources.map((r) => (
              <Table.Tr key={r.resource}>
                <Table.Td>{r.resource}</Table.Td>
                <Table.Td>{n(r.before)}</Table.Td>
                <Table.Td>{n(r.disappear)}</Table.Td>
                <Table.Td>{n(r.change)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {review.schools.length > 0 && (
          <Table aria-label="What would disappear, per school" withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>School</Table.Th>
                <Table.Th>Would disappear</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.schools.slice(0, 12).map((s) => (
                <Table.Tr key={`${s.school}|${s.resource}`}>
                  <Table.Td>{s.school}</Table.Td>
                  <Table.Td>{`${n(s.disappear)} of ${n(s.before)} ${s.resource}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {review.examples.length > 0 && (
          <Text size="sm">
            {`For example: ${review.examples
              .slice(0, 8)
              .map((e) => `${e.name} (${e.role})`)
              .join(', ')}.`}
          </Text>
        )}
        <Group>
          <Button loading={busy} onClick={() => void answer(true)}>
            Accept: make it current
          </Button>
          <Button
            variant="default"
            color="red"
            disabled={busy}
            onClick={() => setConfirmReject(true)}
          >
            Reject…
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirmReject}
        onClose={() => setConfirmReject(false)}
        title="Reject the held sync?"
      >
        <Stack>
          <Text size="sm">
            The held snapshot is deleted; the current one stays. The next sync is compared with the
            current one again. This is written to the audit log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReject(false)}>
              Keep it held
            </Button>
            <Button color="red" loading={busy} onClick={() => void answer(false)}>
              Reject and discard it
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Every sync held for review; nothing when none is. */
export function HeldSyncsCard({ held, changed }: { held: HeldSync[]; changed: () => void }) {
  if (held.length === 0) return null;
  return (
    <Stack gap="md">
      {held.map((h) => (
        <HeldSyncReview key={h.snapshotId} held={h} answered={changed} />
      ))}
    </Stack>
  );
}
