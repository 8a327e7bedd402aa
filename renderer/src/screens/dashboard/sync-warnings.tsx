import { Accordion, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useInvoke } from '../../api/use-invoke';

/** Records the last sync left out, each with where it was and why. */
export function SyncWarnings({ snapshotId, count }: { snapshotId: number; count: number }) {
  const [opened, setOpened] = useState<string | null>(null);
  // Asked for once the list is first opened.
  const [asked, setAsked] = useState(false);
  if (opened !== null && !asked) setAsked(true);
  const rows =
    useInvoke('snapshots.warnings', asked ? { snapshotId, limit: 200 } : null).data?.rows ?? null;
  if (count === 0) return null;
  return (
    <Accordion variant="contained" value={opened} onChange={setOpened}>
      <Accordion.Item value="warnings">
        <Accordion.Control>{`${count} records left out of the last sync (sync warnings)`}</Accordion.Control>
        <Accordion.Panel>
          {rows === null ? (
            <Text c="dimmed">Loading…</Text>
          ) : (
            <Table aria-label="Sync warnings" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Resource</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((w, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{w.resource}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {w.location}
                      </Text>
                    </Table.Td>
                    <Table.Td>{w.field ?? ''}</Table.Td>
                    <Table.Td>{w.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {rows && count > rows.length ? (
            <Text size="sm" c="dimmed" mt="xs">
              Showing the first {rows.length} of {count}.
            </Text>
          ) : null}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
