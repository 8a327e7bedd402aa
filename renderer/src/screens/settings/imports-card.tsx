import { Button, Card, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ImportedExports } from '../../../../shared/domain/imports';
import { errorMessage, invoke } from '../../api/invoke';
import { age } from '../../components/age';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The OneRoster exports uploaded into the data folder (a 1.2 export may hold passwords): what is
 * kept, for which connection, how large; deleted one by one, or each after its sync succeeds.
 */
export function ImportsCard() {
  const [state, setState] = useState<ImportedExports | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (call: () => Promise<ImportedExports>) => {
    try {
      setState(await call());
      setProblem(null);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  useEffect(() => {
    invoke('imports.list', {}).then(setState, (e: unknown) => setProblem(errorMessage(e)));
  }, []);
  const total = state?.files.reduce((n, f) => n + f.bytes, 0) ?? 0;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Uploaded exports
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          A OneRoster export uploaded for a CSV connection is kept in the data folder&apos;s imports
          folder, readable only by you, until its connection is removed or given another file; one
          no connection took is deleted after a day. A OneRoster 1.2 export may hold passwords.
        </Text>
        <Switch
          label="Delete each uploaded export as soon as its sync succeeds (its connection then needs a new upload to sync again)"
          checked={state?.deleteAfterSync ?? false}
          disabled={state === null}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void run(() => invoke('imports.setDeleteAfterSync', { on }));
          }}
        />
        {state === null ? (
          <Text c="dimmed">{problem ?? 'Loading…'}</Text>
        ) : state.files.length === 0 ? (
          <Text size="sm" c="dimmed">
            No uploaded export is kept.
          </Text>
        ) : (
          <>
            <Text size="sm">{`${state.files.length} kept, ${size(total)} in all.`}</Text>
            <Table aria-label="Uploaded exports" withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Uploaded</Table.Th>
                  <Table.Th>Read by</Table.Th>
                  <Table.Th>
                    <span className="mantine-visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {state.files.map((f) => (
                  <Table.Tr key={f.name}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{f.name}</Table.Td>
                    <Table.Td>{size(f.bytes)}</Table.Td>
                    <Table.Td>{age(f.savedAt)}</Table.Td>
                    <Table.Td>
                      {f.connections.length > 0
                        ? f.connections.join(', ')
                        : 'No connection: deleted a day after its upload'}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={`Delete ${f.name}`}
                        onClick={() => void run(() => invoke('imports.remove', { name: f.name }))}
                      >
                        Delete
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {problem && state ? (
          <Text size="sm" c="red.9" role="alert">
            {problem}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
