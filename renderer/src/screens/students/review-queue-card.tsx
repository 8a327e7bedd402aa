import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReviewRow } from '../../../../shared/domain/old-students';
import { errorMessage, invoke } from '../../api/invoke';
import { useInvoke } from '../../api/use-invoke';
import { useChangesStore } from '../../stores/changes-store';
import { notify } from '../../lib/notify';

const SHOWN = 100;

/**
 * Worksheet rows a person must decide, kept until resolved: each with its best candidates and
 * what tells them apart (school, grade, classes, whether in the teacher's classes). A pick is
 * staged as a merge for approval, like any other.
 */
export function ReviewQueueCard({ tick, onChange }: { tick: number; onChange(): void }) {
  const [mine, setMine] = useState(0);
  const { data, error } = useInvoke('students.reviewQueue', {}, [tick, mine]);
  const [busy, setBusy] = useState<number | null>(null);
  const refreshChanges = useChangesStore((st) => st.refresh);
  if (error) return <Text c="red.9">{error}</Text>;
  if (!data || data.total === 0) return null;

  const act = async (row: ReviewRow, action: () => Promise<unknown>, done: string) => {
    setBusy(row.id);
    try {
      await action();
      notify('success', done);
      setMine((n) => n + 1);
      onChange();
      void refreshChanges();
    } catch (e) {
      notify('error', errorMessage(e), `Line ${row.line} not changed`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card withBorder role="region" aria-label="Worksheet rows to review">
      <Title order={3} size="h4">
        {`Rows to review (${data.total})`}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        These names could not be matched for sure: several students fit, a student who left fits as
        well, or the name fits nobody in the classes of the teacher who made the account. Pick the
        student the account belongs to (the merge is staged for your approval), or leave the row.
        They stay here until you decide.
      </Text>
      <Stack gap="md">
        {data.rows.slice(0, SHOWN).map((row) => (
          <Card
            key={row.id}
            withBorder
            padding="sm"
            role="group"
            aria-label={`Line ${row.line}: ${row.oldUsername}`}
          >
            <Text size="sm" fw={600}>
              {`Line ${row.line} of ${row.fileName}: “${row.typedName}” for old account ${row.oldUsername}${row.teacher ? ` (made by ${row.teacher})` : ''}`}
            </Text>
            <Text size="sm" mb="xs">
              {row.reason}
            </Text>
            {row.candidates.length > 0 ? (
              <Table.ScrollContainer minWidth={640}>
                <Table withTableBorder aria-label={`Candidates for line ${row.line}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Student</Table.Th>
                      <Table.Th>School, grade</Table.Th>
                      <Table.Th>Classes</Table.Th>
                      <Table.Th>How the name fits</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {row.candidates.map((c) => (
                      <Table.Tr key={c.sourcedId}>
                        <Table.Td>
                          <Text size="sm">{c.name}</Text>
                          <Text size="xs" c="dimmed">
                            {c.sourcedId}
                          </Text>
                          <Text size="xs" fw={600} c={c.inTeachersClasses ? 'teal.9' : 'dimmed'}>
                            {c.inTeachersClasses
                              ? 'in the teacher’s classes'
                              : 'not in the teacher’s classes'}
                          </Text>
                          {c.live ? null : (
                            <Text size="xs" fw={600} c="red.9">
                              left (tobedeleted or disabled)
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{`${c.school ?? 'No school'}${c.grade ? `, grade ${c.grade}` : ''}`}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.classes.join('; ') || 'none'}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.fit}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            disabled={!c.live || c.intoAccountId === null}
                            loading={busy === row.id}
                            aria-label={`Merge into ${c.name} (${c.sourcedId}): old account ${row.oldUsername}`}
                            onClick={() =>
                              void act(
                                row,
                                () =>
                                  invoke('students.pickCandidate', {
                                    id: row.id,
                                    sourcedId: c.sourcedId,
                                  }),
                                `Merge of ${row.oldUsername} into ${c.name} staged for approval`,
                              )
                            }
                          >
                            Merge into
                          </Button>
                          {c.live && c.intoAccountId === null ? (
                            <Text size="xs" c="dimmed">
                              no rostered account yet
                            </Text>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Text size="sm" c="dimmed">
                No rostered student&apos;s name comes close: ask the teacher, or leave the row.
              </Text>
            )}
            <Group mt="xs">
              <Button
                size="compact-sm"
                variant="default"
                loading={busy === row.id}
                aria-label={`Leave line ${row.line} (${row.oldUsername})`}
                onClick={() =>
                  void act(
                    row,
                    () => invoke('students.dismissReview', { id: row.id }),
                    `Line ${row.line} left as it is`,
                  )
                }
              >
                Leave this row
              </Button>
            </Group>
          </Card>
        ))}
        {data.total > SHOWN ? (
          <Text
            size="sm"
            c="dimmed"
          >{`The first ${SHOWN} of ${data.total} rows; the rest appear as these are decided.`}</Text>
        ) : null}
      </Stack>
    </Card>
  );
}
