import { Badge, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SyncJob } from '../../../shared/domain/snapshot';
import { age } from './age';
import { useConnectionsStore } from '../stores/connections-store';
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

/** How a sync that ended is said, and its badge's colour (a running one counts as failed here). */
const ENDED: Record<SyncJob['state'], { result: string; color: string }> = {
  complete: { result: 'synced', color: 'teal.9' },
  held: { result: 'held for review', color: 'orange.9' },
  cancelled: { result: 'cancelled', color: 'gray.7' },
  failed: { result: 'failed', color: 'red.9' },
  running: { result: 'failed', color: 'red.9' },
};

/** A finished sync as one line: when, the result, warnings; a failure says why on its own row. */
function StatusLine({ job }: { job: SyncJob }) {
  const [open, setOpen] = useState(false);
  const { result, color } = ENDED[job.state];
  return (
    <div>
      <Group
        gap="xs"
        wrap="nowrap"
        align="start"
        role="status"
        aria-label={`Last sync of ${job.connectionName}: ${result}`}
      >
        <Badge color={color} styles={{ root: { overflow: 'visible', flexShrink: 0 } }}>
          {result}
        </Badge>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <b>{job.connectionName}</b>
          {` · ${age(job.finishedAt, '')}`}
          {job.warnings > 0 ? ` · ${number.format(job.warnings)} sync warnings` : ''}
          {job.retries > 0 ? ` · ${number.format(job.retries)} retried requests` : ''}
          {job.error && job.state !== 'complete' ? ` · ${job.error}` : ''}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-expanded={open}
          aria-label={`Details of the sync of ${job.connectionName}`}
          onClick={() => setOpen(!open)}
          style={{ flexShrink: 0 }}
        >
          {open ? 'Hide details' : 'Details'}
        </Button>
      </Group>
      {open ? (
        <Stack gap="xs" mt="xs" role="region" aria-label={`Sync of ${job.connectionName}`}>
          {job.streams.map((s) => (
            <StreamBar key={s.name} {...s} />
          ))}
        </Stack>
      ) : null}
    </div>
  );
}

/**
 * Syncs of this session: one status line per connection (its latest sync), with progress bars
 * only while a sync runs. Syncs of removed connections are not shown.
 */
export function SyncProgress() {
  const jobs = useSyncStore((s) => s.jobs);
  const cancel = useSyncStore((s) => s.cancel);
  const connections = useConnectionsStore((s) => s.connections);
  const loaded = useConnectionsStore((s) => s.loaded);
  const loadConnections = useConnectionsStore((s) => s.load);
  const known = new Set(connections.map((c) => c.id));
  // A finished sync older than the connection's last edit says nothing about its new settings.
  const editedAt = new Map(connections.map((c) => [c.id, c.updatedAt]));
  const stale = (job: SyncJob) =>
    job.state !== 'running' &&
    job.finishedAt !== null &&
    (editedAt.get(job.connectionId) ?? '') > job.finishedAt;
  useEffect(() => {
    if (!loaded) void loadConnections();
  }, [loaded, loadConnections]);
  const latest = new Map<string, SyncJob>();
  for (const job of jobs)
    if ((!loaded || known.has(job.connectionId)) && !stale(job) && !latest.has(job.connectionId))
      latest.set(job.connectionId, job);
  const visible = [...latest.values()];
  if (visible.length === 0) return null;
  const running = visible.filter((j) => j.state === 'running');
  const finished = visible.filter((j) => j.state !== 'running');
  return (
    <Stack mb="md" gap="xs">
      {finished.length > 0 ? (
        <Card withBorder padding="xs" role="region" aria-label="Last syncs">
          <Stack gap={4}>
            {finished.map((job) => (
              <StatusLine key={job.jobId} job={job} />
            ))}
          </Stack>
        </Card>
      ) : null}
      {running.map((job) => (
        <Card key={job.jobId} withBorder role="region" aria-label={`Sync of ${job.connectionName}`}>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{`Syncing: ${job.connectionName}`}</Text>
            <Button size="xs" variant="default" onClick={() => void cancel(job.jobId)}>
              Cancel sync
            </Button>
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
        </Card>
      ))}
    </Stack>
  );
}
