import { Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { StageRequest } from '../../../../shared/domain/change';
import type { SyncDigest } from '../../../../shared/domain/watch';
import { errorMessage, invoke } from '../../api/invoke';
import { localTime } from '../../components/local-time';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Stages each request for approval; says how many were staged and why any was not. */
async function stageAll(requests: StageRequest[], what: string): Promise<void> {
  let staged = 0;
  const refused: string[] = [];
  for (const r of requests) {
    try {
      await invoke('changes.stage', r);
      staged++;
    } catch (error) {
      refused.push(errorMessage(error));
    }
  }
  if (staged > 0)
    useChangesStore.getState().staged(`Staged ${plural(staged, what, `${what}s`)} for approval`);
  if (refused.length > 0)
    notify('error', refused.slice(0, 3).join(' '), `${refused.length} not staged`);
}

/** What the last sync changed for the license: arrivals, leavers, source email changes, problems. */
export function DigestCard({ digest }: { digest: SyncDigest | null }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  if (!digest)
    return (
      <Card withBorder role="region" aria-label="What changed since the previous sync">
        <Title order={3} size="h4" mb="xs">
          What changed since the previous sync
        </Title>
        <Text size="sm" c="dimmed">
          Shown after a connection's second sync: who arrived, who left, whose email the source
          changed, and which problems appeared or went away.
        </Text>
      </Card>
    );
  const invites = digest.arrivals.flatMap((a) => (a.stage ? [a.stage] : []));
  const removals = digest.leavers.map((l) => l.stage);
  const seats = digest.leavers.reduce((s, l) => s + l.seats, 0);
  const emailFixes = digest.emailChanges.flatMap((c) => (c.stage ? [c.stage] : []));
  return (
    <Card withBorder role="region" aria-label="What changed since the previous sync">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {`What changed since the previous sync: ${digest.connectionName}`}
        </Title>
        <Text size="sm">
          {`The sync of ${localTime(digest.syncedAt)} compared with the sync of ${localTime(digest.previous.syncedAt)}. Nothing here is changed by itself: each button stages changes for approval.`}
        </Text>
        {digest.problems.length > 0 && (
          <Text size="sm" aria-label="Problems that appeared or went away">
            {`Problems: ${digest.problems
              .slice(0, 8)
              .map((p) =>
                p.after > p.before
                  ? `${p.after - p.before} new ${p.code}`
                  : `${p.before - p.after} resolved ${p.code}`,
              )
              .join('; ')}.`}
          </Text>
        )}

        <Title order={4} size="h5">
          {`Arrived: ${plural(digest.totals.arrivals, 'teacher', 'teachers')}, ${plural(invites.length, 'not on the license', 'not on the license')}`}
        </Title>
        {digest.arrivals.length > 0 && (
          <Table aria-label="Teachers who arrived" withTableBorder>
            <Table.Tbody>
              {digest.arrivals.slice(0, 20).map((a) => (
                <Table.Tr key={a.sourcedId}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.email ?? 'no email'}</Table.Td>
                  <Table.Td>
                    {a.stage ? (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => void stageAll([a.stage as StageRequest], 'invitation')}
                      >
                        {`Invite ${a.name}`}
                      </Button>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {a.onLicense ? 'On the license' : 'No email to invite'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {invites.length > 1 && (
          <Button
            variant="light"
            w="fit-content"
            onClick={() => void stageAll(invites, 'invitation')}
          >
            {`Invite all ${invites.length}`}
          </Button>
        )}

        <Title order={4} size="h5">
          {`Left: ${plural(digest.leavers.length, 'licensed teacher', 'licensed teachers')} the roster no longer sends`}
        </Title>
        {digest.leavers.length > 0 && (
          <>
            <Table aria-label="Licensed teachers who left" withTableBorder>
              <Table.Tbody>
                {digest.leavers.slice(0, 20).map((l) => (
                  <Table.Tr key={l.sourcedId}>
                    <Table.Td>{l.name}</Table.Td>
                    <Table.Td>{l.email ?? ''}</Table.Td>
                    <Table.Td>{`Last seen in the sync of ${localTime(l.lastSeen)}`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              variant="light"
              color="red"
              w="fit-content"
              onClick={() => setConfirmRemove(true)}
            >
              {`Remove from license, freeing ${plural(seats, 'seat', 'seats')}…`}
            </Button>
          </>
        )}

        <Title order={4} size="h5">
          {`Email changed at the source: ${plural(digest.totals.emailChanges, 'teacher', 'teachers')}`}
        </Title>
        {digest.emailChanges.length > 0 && (
          <Table aria-label="Emails changed at the source" withTableBorder>
            <Table.Tbody>
              {digest.emailChanges.slice(0, 20).map((c) => (
                <Table.Tr key={c.sourcedId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{`${c.from ?? 'no email'} → ${c.email ?? 'no email'}`}</Table.Td>
                  <Table.Td>
                    {c.stage ? (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => void stageAll([c.stage as StageRequest], 'email change')}
                      >
                        {`Change the platform email of ${c.name}`}
                      </Button>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {c.note ?? ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {emailFixes.length > 1 && (
          <Button
            variant="light"
            w="fit-content"
            onClick={() => void stageAll(emailFixes, 'email change')}
          >
            {`Stage all ${emailFixes.length} email changes`}
          </Button>
        )}
      </Stack>
      <Modal
        opened={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        title="Remove them from the license?"
      >
        <Stack>
          <Text size="sm">
            {`${plural(removals.length, 'removal is', 'removals are')} staged for approval, freeing ${plural(seats, 'seat', 'seats')} once pushed. Nobody is removed until you approve and push; a teacher who is only missing from one export can be kept by discarding their change.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRemove(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmRemove(false);
                void stageAll(removals, 'removal');
              }}
            >
              {`Stage ${plural(removals.length, 'removal', 'removals')}`}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
