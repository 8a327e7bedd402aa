import { Alert, Button, Card, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChangeKind, PushPreview } from '../../../../shared/domain/change';
import { useInvoke } from '../../api/use-invoke';
import { CHANGE_KIND_LABEL } from '../../../../shared/domain/change';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';

const number = new Intl.NumberFormat();

/** What Push will send and what it does to the seats, asked before anything leaves. */
function PushConfirm(props: { preview: PushPreview; onCancel(): void; onConfirm(): void }) {
  const { preview } = props;
  const seats = preview.seats;
  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': 'Close' }}
      onClose={props.onCancel}
      title="Push to the platform?"
      size="lg"
    >
      <Stack>
        <Text>{`${number.format(preview.total)} approved change${preview.total === 1 ? '' : 's'} will be sent, each applied exactly once:`}</Text>
        <List size="sm">
          {Object.entries(preview.byKind).map(([kind, n]) => (
            <List.Item key={kind}>
              {`${CHANGE_KIND_LABEL[kind as keyof typeof CHANGE_KIND_LABEL] ?? kind}: ${number.format(n)}`}
            </List.Item>
          ))}
        </List>
        {preview.examples.length > 0 ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {`For example: ${preview.examples.join(', ')}${preview.total > preview.examples.length ? ', …' : ''}`}
          </Text>
        ) : null}
        {preview.weakerMatches > 0 ? (
          <Alert color="orange" title="Not exact matches">
            {`${number.format(preview.weakerMatches)} of these merges and email changes rest on a rule weaker than an exact match (a nickname, a typo, part of a name, a pick from several). Each says why on the Changes screen: check them before you push, a merge or an email change cannot be undone.`}
          </Alert>
        ) : null}
        {seats ? (
          <Alert color={seats.usedAfter > seats.total ? 'red' : 'blue'} title="Seats">
            {`Seats used: ${number.format(seats.usedBefore)} → ${number.format(seats.usedAfter)} of ${number.format(seats.total)}.`}
            {preview.studentSeats &&
            preview.studentSeats.usedAfter !== preview.studentSeats.usedBefore ? (
              <Text size="sm" mt={4}>
                {`Student seats: ${number.format(preview.studentSeats.usedBefore)} → ${number.format(preview.studentSeats.usedAfter)}.`}
              </Text>
            ) : null}
            {seats.usedAfter > seats.total
              ? ` ${number.format(seats.usedAfter - seats.total)} more than the license has: the platform will refuse the invitations past the seats.`
              : ''}
          </Alert>
        ) : (
          <Text size="sm">Seats: unknown until the license is pulled from the platform.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Not now
          </Button>
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={props.onConfirm}>
            {`Push ${number.format(preview.total)} change${preview.total === 1 ? '' : 's'}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * What "Approve all" approves, by kind, and the changes it leaves staged: those the admin took
 * approval back from on purpose (approve them one by one).
 */
function ApproveAllList(props: { staged: number; onCancel(): void; onApprove(): void }) {
  const { data } = useInvoke('changes.list', { status: 'staged', offset: 0, limit: 1000 });
  if (!data) return <Text c="dimmed">Loading…</Text>;
  const kept = data.rows.filter((c) => c.unapproved);
  const byKind = new Map<string, number>();
  for (const c of data.rows) if (!c.unapproved) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  const approving = props.staged - kept.length;
  return (
    <Stack>
      <Text>{`${approving} staged change${approving === 1 ? '' : 's'} will be approved:`}</Text>
      <List size="sm">
        {[...byKind].map(([kind, n]) => (
          <List.Item key={kind}>{`${CHANGE_KIND_LABEL[kind as ChangeKind]}: ${n}`}</List.Item>
        ))}
      </List>
      {kept.length > 0 ? (
        <Text size="sm">{`${kept.length} you un-approved stay${kept.length === 1 ? 's' : ''} staged (${kept
          .slice(0, 3)
          .map((c) => c.subject)
          .join(
            ', ',
          )}${kept.length > 3 ? ', …' : ''}): approve ${kept.length === 1 ? 'it' : 'them'} on its row if you changed your mind.`}</Text>
      ) : null}
      <Text size="sm" c="dimmed">
        Nothing is sent until you press Push; you can un-approve any of them before that.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Not now
        </Button>
        <Button disabled={approving === 0} onClick={props.onApprove}>
          {`Approve ${approving}`}
        </Button>
      </Group>
    </Stack>
  );
}

/** Approve all, push the approved ones (after a confirmation), follow the push, cancel it. */
export function PushPanel() {
  const counts = useChangesStore((s) => s.counts);
  const push = useChangesStore((s) => s.push);
  const approve = useChangesStore((s) => s.approve);
  const startPush = useChangesStore((s) => s.startPush);
  const cancelPush = useChangesStore((s) => s.cancelPush);
  const [preview, setPreview] = useState<PushPreview | null>(null);
  const [confirmApprove, setConfirmApprove] = useState(false);
  const staged = counts.staged ?? 0;
  const approved = counts.approved ?? 0;
  const running = push?.state === 'running';
  const done = push ? push.applied + push.rejected + push.conflicts + push.failed : 0;
  const askPush = async () => {
    try {
      setPreview(await invoke('push.preview', {}));
    } catch (error) {
      notify('error', errorMessage(error), 'Push not started');
    }
  };
  return (
    <Card withBorder role="region" aria-label="Push">
      <Group justify="space-between">
        <Text>{`${staged} staged, ${approved} approved and waiting to be pushed`}</Text>
        <Group gap="xs">
          <Button
            variant="default"
            disabled={staged === 0 || running}
            onClick={() => setConfirmApprove(true)}
          >
            {`Approve all staged (${staged})`}
          </Button>
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            disabled={approved === 0 || running}
            onClick={() => void askPush()}
          >
            {`Push ${approved} approved`}
          </Button>
        </Group>
      </Group>
      {confirmApprove ? (
        <Modal
          opened
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => setConfirmApprove(false)}
          title="Approve all staged changes?"
        >
          <ApproveAllList
            staged={staged}
            onCancel={() => setConfirmApprove(false)}
            onApprove={() => {
              setConfirmApprove(false);
              void approve('all');
            }}
          />
        </Modal>
      ) : null}
      {preview ? (
        <PushConfirm
          preview={preview}
          onCancel={() => setPreview(null)}
          onConfirm={() => {
            setPreview(null);
            void startPush();
          }}
        />
      ) : null}
      {push ? (
        <>
          <Group justify="space-between" mt="sm">
            <Text size="sm" aria-live="polite">
              {`${running ? 'Pushing' : `Last push ${push.state}`}: ${done} of ${push.total} done — ${push.applied} applied, ${push.rejected} rejected, ${push.conflicts} conflicts${push.failed ? `, ${push.failed} failed` : ''}${push.retries ? ` (${push.retries} retries)` : ''}`}
            </Text>
            {running ? (
              <Button size="compact-sm" variant="default" onClick={() => void cancelPush()}>
                Cancel push
              </Button>
            ) : null}
          </Group>
          <Progress
            mt="xs"
            value={push.total ? (done / push.total) * 100 : 100}
            aria-label="Push progress"
            animated={running}
          />
          {push.error && !running ? (
            <Alert mt="sm" color="red" title={`Push ${push.state}`}>
              {push.error}
            </Alert>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
