import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { connectionKindLabels } from '../../../../shared/domain/connection';
import type { ConnectionView } from '../../../../shared/domain/connection';

function where(connection: ConnectionView): string {
  const s = connection.settings;
  return s.kind === 'oneroster-csv' ? s.path : s.baseUrl;
}

function SecretBadges({ connection }: { connection: ConnectionView }) {
  if (connection.secrets.length === 0)
    return (
      <Text size="sm" c="dimmed">
        none needed
      </Text>
    );
  return (
    <Stack gap={4} align="flex-start">
      {connection.secrets.map((s) => {
        // The Application ID counts once the platform has it too: "set" alone would contradict
        // the License screen and Start here.
        const unregistered =
          s.field === 'applicationId' &&
          s.isSet === true &&
          connection.platformApplicationId === 'not-registered';
        return (
          // Wrapped whole at any width (one line, a pill cut "APPLICATION ID: SET HERE…" to "APP…").
          <Badge
            key={s.field}
            radius="sm"
            color={unregistered ? 'red.9' : s.isSet === true ? 'teal.9' : 'gray.7'}
            styles={{
              root: { height: 'auto', paddingBlock: 2, maxWidth: 200 },
              label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.35 },
            }}
          >
            {`${s.label}: ${
              unregistered
                ? 'set here, not registered with the platform'
                : s.isSet === true
                  ? 'set'
                  : s.isSet === null
                    ? 'unknown'
                    : 'not set'
            }`}
          </Badge>
        );
      })}
    </Stack>
  );
}

export function ConnectionsTable(props: {
  connections: ConnectionView[];
  onEdit(c: ConnectionView): void;
  onRemove(c: ConnectionView): void;
  onSync(c: ConnectionView): void;
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label="Connections">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Where</Table.Th>
            <Table.Th>Secrets</Table.Th>
            <Table.Th>
              <span className="mantine-visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.connections.map((c) => (
            <Table.Tr key={c.id} aria-label={c.name}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{connectionKindLabels[c.settings.kind]}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {where(c)}
                </Text>
              </Table.Td>
              <Table.Td>
                <SecretBadges connection={c} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {c.settings.kind !== 'platform' ? (
                    <Button size="xs" onClick={() => props.onSync(c)} aria-label={`Sync ${c.name}`}>
                      Sync
                    </Button>
                  ) : null}
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => props.onEdit(c)}
                    aria-label={`Edit ${c.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => props.onRemove(c)}
                    aria-label={`Remove ${c.name}`}
                  >
                    Remove
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
