import { Button, Card, Group, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, invoke } from '../../api/invoke';
import { downloadBase64 } from '../../lib/download';
import { notify } from '../../lib/notify';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { useSyncStore } from '../../stores/sync-store';

type Column = 'name' | 'teachers' | 'students' | 'classes' | 'enrollments';
const COLUMNS: [Column, string][] = [
  ['name', 'School'],
  ['teachers', 'Teachers'],
  ['students', 'Students'],
  ['classes', 'Classes'],
  ['enrollments', 'Enrollments'],
];
const number = new Intl.NumberFormat();

/**
 * The sanity check per school, as ClassLink shows it: each person counted once, at their school;
 * the total row is the same as the count cards above. Sortable; exported as CSV or in the PDF.
 */
export function SchoolTable() {
  const schools = useDiagnosticsStore((s) => s.schools);
  const overview = useSyncStore((s) => s.overview);
  const [sort, setSort] = useState<{ by: Column; desc: boolean }>({ by: 'name', desc: false });
  if (schools.length === 0 || !overview) return null;
  const rows = [...schools].sort((a, b) => {
    const d =
      sort.by === 'name'
        ? a.name.localeCompare(b.name)
        : (a[sort.by] as number) - (b[sort.by] as number);
    return sort.desc ? -d : d;
  });
  const exportCsv = async () => {
    try {
      const file = await invoke('reports.export', { kind: 'schools-csv', pseudonymise: false });
      downloadBase64(file.fileName, file.mimeType, file.base64);
    } catch (error) {
      notify('error', errorMessage(error), 'Not exported');
    }
  };
  return (
    <Card withBorder role="region" aria-label="Per-school sanity check">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          Per school
        </Title>
        <Button size="xs" variant="default" onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Each teacher and student counted once, at the first school among their organisations;
        classes and enrollments at the school the roster gives them.
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Per-school counts" striped>
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map(([key, label]) => (
                <Table.Th
                  key={key}
                  aria-sort={sort.by === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <UnstyledButton
                    fw={700}
                    fz="sm"
                    onClick={() =>
                      setSort({ by: key, desc: sort.by === key ? !sort.desc : key !== 'name' })
                    }
                  >
                    {`${label}${sort.by === key ? (sort.desc ? ' ↓' : ' ↑') : ''}`}
                  </UnstyledButton>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.sourcedId || 'none'}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{number.format(s.teachers)}</Table.Td>
                <Table.Td>{number.format(s.students)}</Table.Td>
                <Table.Td>{number.format(s.classes)}</Table.Td>
                <Table.Td>{number.format(s.enrollments)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total</Table.Th>
              <Table.Th>{number.format(overview.teachers)}</Table.Th>
              <Table.Th>{number.format(overview.students)}</Table.Th>
              <Table.Th>{number.format(overview.classes)}</Table.Th>
              <Table.Th>{number.format(overview.enrollments)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
