import { Alert, Button, Card, Group, Progress, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useChangesStore } from '../../stores/changes-store';

/** Approve all, push the approved ones, follow the push with a progress bar, cancel it. */
export function PushPanel() {
  const counts = useChangesStore((s) => s.counts);
  const push = useChangesStore((s) => s.push);
  const approve = useChangesStore((s) => s.approve);
  const startPush = useChangesStore((s) => s.startPush);
  const cancelPush = useChangesStore((s) => s.cancelPush);
  const staged = counts.staged ?? 0;
  const approved = counts.approved ?? 0;
  const running = push?.state === 'running';
  const done = push ? push.applied + push.rejected + push.conflicts + push.failed : 0;
  return (
    <Card withBorder role="region" aria-label="Push">
      <Group justify="space-between">
        <Text>{`${staged} staged, ${approved} approved and waiting to be pushed`}</Text>
        <Group gap="xs">
          <Button
            variant="default"
            disabled={staged === 0 || running}
            onClick={() => void approve('all')}
          >
            {`Approve all staged (${staged})`}
          </Button>
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            disabled={approved === 0 || running}
            onClick={() => void startPush()}
          >
            {`Push ${approved} approved`}
          </Button>
        </Group>
      </Group>
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
