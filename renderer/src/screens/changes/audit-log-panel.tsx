import { Button, Group, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInvoke } from '../../api/use-invoke';
import type { AuditEntry } from '../../../../shared/domain/change';
import { errorMessage, invoke } from '../../api/invoke';
import { downloadBase64 } from '../../lib/download';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';

/** The append-only audit log: the latest entries, and all of it as CSV. */
export function AuditLogPanel() {
  const version = useChangesStore((s) => s.version);
  const page = useInvoke('audit.list', { limit: 200 }, [version]).data;
  const rows: AuditEntry[] = page?.rows ?? [];
  const total = page?.total ?? 0;
  const exportCsv = async () => {
    try {
      const file = await invoke('reports.export', { kind: 'audit-log', pseudonymise: false });
      downloadBase64(file.fileName, file.mimeType, file.base64);
    } catch (error) {
      notify('error', errorMessage(error));
    }
  };
  return (
    <>
      <Group justify="space-between" my="sm">
        <Text size="sm">{`${total} entries; nothing in this log can be edited or deleted.`}</Text>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => void exportCsv()}
        >
          Export audit log (CSV)
        </Button>
      </Group>
      <Table aria-label="Audit log" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Platform request</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.seq}>
              <Table.Td>{r.at.slice(0, 19).replace('T', ' ')}</Table.Td>
              <Table.Td>{r.action}</Table.Td>
              <Table.Td>{r.summary}</Table.Td>
              <Table.Td>{r.result ?? ''}</Table.Td>
              <Table.Td>{r.platformRequestId ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
