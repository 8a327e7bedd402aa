import { Alert, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import type { SyncJob } from '../../../shared/domain/snapshot';
import { useSyncStore } from '../stores/sync-store';

const number = new Intl.NumberFormat();

function StreamBar({ name, read, total, done, perSecond }: SyncJob['streams'][number]) {
  const percent = done ? 100 : total ? Math.min(99, (read / total) * 100) : read > 0 ? 50 : 0;
  return (
    <div>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <Text size="xs" c="dimmed">
          {number.format(read)}
          {total !== null ? ` / ${number.format(total)}` : ''}{' '}
          {done ? '· done' : perSecond > 0 ? `· ${number.format(perSecond)}/s` : ''}
        </Text>
      </Group>
      <Progress
        value={percent}
        animated={!done && total === null && read > 0}
        aria-label={`${name} progress`}
      />
    </div>
  );
}

/** One bar per resource, with counts, rate and cancel: what a long sync looks like. */
export function SyncProgress() {
  const jobs = useSyncStore((s) => s.jobs);
  const cancel = useSyncStore((s) => s.cancel);
  // The latest few syncs of this session, newest first.
  const visible = jobs.slice(0, 3);
  if (visible.length === 0) return null;
  return (
    <Stack mb="md">
      {visible.map((job) => (
        <Card key={job.jobId} withBorder role="region" aria-label={`Sync of ${job.connectionName}`}>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              {job.state === 'running'
                ? 'Syncing'
                : job.state === 'complete'
                  ? 'Synced'
                  : job.state === 'cancelled'
                    ? 'Cancelled'
                    : 'Failed'}
              : {job.connectionName}
            </Text>
            {job.state === 'running' ? (
              <Button size="xs" variant="default" onClick={() => void cancel(job.jobId)}>
                Cancel sync
              </Button>
            ) : null}
          </Group>
          <Stack gap="xs">
            {job.streams.map((s) => (
              <StreamBar key={s.name} {...s} />
            ))}
          </Stack>
          {job.retries > 0 ? (
            <Text size="sm" mt="xs">
              {`${number.format(job.retries)} requests were retried after network errors, server errors or rate limits.`}
            </Text>
          ) : null}
          {job.warnings > 0 ? (
            <Text size="sm" mt="xs">
              {number.format(job.warnings)} records were left out and listed as sync warnings.
            </Text>
          ) : null}
          {job.error && job.state !== 'complete' ? (
            <Alert
              mt="sm"
              color={job.state === 'cancelled' ? 'yellow' : 'red'}
              title={job.state === 'cancelled' ? 'Sync cancelled' : 'Sync failed'}
            >
              {job.error}
            </Alert>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
