import { Card, Group, List, Text, Title } from '@mantine/core';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { localTime } from '../../components/local-time';

const number = new Intl.NumberFormat();

/** What changed since the previous sync of the same connection. */
export function SnapshotDiffCard() {
  const diff = useDiagnosticsStore((s) => s.diff);
  if (!diff?.previous) return null;
  const parts = [
    [diff.usersAdded, 'users added'],
    [diff.usersRemoved, 'users removed'],
    [diff.emailsChanged, 'emails changed'],
    [diff.classesAdded, 'classes added'],
    [diff.classesRemoved, 'classes removed'],
  ] as const;
  return (
    <Card withBorder role="region" aria-label="Changes since the previous sync">
      <Title
        order={3}
        size="h4"
      >{`Since the previous sync (${localTime(diff.previous.finishedAt)})`}</Title>
      <Group gap="lg" mt="xs">
        {parts.map(([n, label]) => (
          <Text key={label} size="sm">{`${number.format(n)} ${label}`}</Text>
        ))}
      </Group>
      {diff.examples.length > 0 ? (
        <List size="sm" mt="xs">
          {diff.examples.slice(0, 15).map((e) => (
            <List.Item key={`${e.kind}-${e.id}`}>{`${e.kind}: ${e.detail} (${e.id})`}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed" mt="xs">
          Nothing changed.
        </Text>
      )}
    </Card>
  );
}
