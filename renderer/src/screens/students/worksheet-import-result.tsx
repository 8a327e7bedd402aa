import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { WorksheetImportResult } from '../../../../shared/domain/old-students';
import { useRouteStore } from '../../stores/route-store';

/** What a filled worksheet gave: merges staged, rows listed by line that need a person's eye. */
export function WorksheetImportResultView({ result }: { result: WorksheetImportResult }) {
  const go = useRouteStore((s) => s.go);
  const { counts } = result;
  const total = counts.ambiguous + counts.unknown + counts.errors;
  const listed = [
    ...result.ambiguous.map((a) => ({
      line: a.line,
      what: `${a.oldUsername}: "${a.typedName}": not sure${a.candidates.length > 0 ? ` (${a.candidates.join('; ')})` : ''}. Not guessed: it waits in the review queue.`,
      kind: 'To review',
    })),
    ...result.unknown.map((u) => ({
      line: u.line,
      what: `${u.oldUsername}: ${u.reason}`,
      kind: 'No match',
    })),
    ...result.errors.map((e) => ({ line: e.line, what: e.message, kind: 'Error' })),
  ].sort((a, b) => a.line - b.line);
  return (
    <Stack gap="xs" role="region" aria-label="Worksheet result">
      <Alert
        color={counts.errors > 0 ? 'orange' : counts.staged > 0 ? 'teal' : 'blue'}
        title={`${result.fileName} read`}
      >
        {`${result.rows} rows: ${counts.staged} merges staged for approval${result.alreadyStaged ? `, ${result.alreadyStaged} already staged from an earlier upload` : ''}, ${result.queued} waiting in the review queue below (${counts.ambiguous} to choose, ${counts.unknown} with no match), ${counts.errors} with errors, ${result.blank} left blank.`}
      </Alert>
      {counts.staged > 0 ? (
        <Group>
          <Button size="xs" onClick={() => go('changes')}>
            Review the {counts.staged} merges on the Changes screen
          </Button>
        </Group>
      ) : null}
      {listed.length > 0 ? (
        <Table striped withTableBorder aria-label="Worksheet rows to look at">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Line</Table.Th>
              <Table.Th w={110}>What</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.slice(0, 500).map((r) => (
              <Table.Tr key={`${r.kind}-${r.line}`}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>{r.kind}</Table.Td>
                <Table.Td>{r.what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {total > listed.length || listed.length > 500 ? (
        <Text
          size="sm"
          c="dimmed"
        >{`First ${Math.min(500, listed.length)} of ${total} rows listed.`}</Text>
      ) : null}
    </Stack>
  );
}
