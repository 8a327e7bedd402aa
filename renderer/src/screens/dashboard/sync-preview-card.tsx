import { plural } from '../../components/plural';
import { Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';

const number = new Intl.NumberFormat();

/** What the platform would do with this roster if it synced now (ClassLink calls this Preview). */
export function SyncPreviewCard() {
  const preview = useDiagnosticsStore((s) => s.preview);
  const pending = useDiagnosticsStore((s) => s.previewPending);
  if (!preview)
    return pending ? (
      <Card withBorder role="region" aria-label="Sync outcome preview" aria-busy>
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Working out what the platform would do if it synced now…</Text>
        </Group>
      </Card>
    ) : null;
  const t = preview.total;
  const schools = preview.perSchool
    .filter(
      (s) =>
        s.teachersImporting +
          s.teachersDuplicateAccount +
          s.teachersNotProvisioned +
          s.studentAccounts >
        0,
    )
    .slice(0, 30);
  return (
    <Card withBorder role="region" aria-label="Sync outcome preview">
      <Title order={3} size="h4">
        If the platform synced now
      </Title>
      <Text size="sm" mt="xs">
        {`${plural(t.teachersImporting, 'teacher')} would import their classes, creating ${plural(t.studentAccounts, 'student account')}${preview.seatsAvailable === null ? ' (seats available: unknown until the license is pulled from the platform)' : `; ${plural(preview.seatsAvailable, 'seat is', 'seats are')} free on the license`}. ${plural(t.teachersDuplicateAccount, 'teacher')} would not match their platform account (the email mismatches on Start here) and would get a second, duplicate account; ${plural(t.teachersNotProvisioned, 'teacher')} with classes ${t.teachersNotProvisioned === 1 ? 'is' : 'are'} not on the license and would get nothing.`}
      </Text>
      {schools.length > 0 ? (
        <Table aria-label="Sync outcome per school" mt="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>School</Table.Th>
              <Table.Th>Teachers importing</Table.Th>
              <Table.Th>Duplicate accounts</Table.Th>
              <Table.Th>Not provisioned</Table.Th>
              <Table.Th>Student accounts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schools.map((s) => (
              <Table.Tr key={s.sourcedId}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{number.format(s.teachersImporting)}</Table.Td>
                <Table.Td>{number.format(s.teachersDuplicateAccount)}</Table.Td>
                <Table.Td>{number.format(s.teachersNotProvisioned)}</Table.Td>
                <Table.Td>{number.format(s.studentAccounts)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Card>
  );
}
