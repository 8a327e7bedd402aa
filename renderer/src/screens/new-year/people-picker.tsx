import { Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ScrollTable } from '../../components/scroll-table';
import type { YearPerson } from '../../../../shared/domain/new-year';

/** Rows shown per list; every pick counts, shown or not (the export lists everyone). */
const SHOWN = 200;

/**
 * One list of the rehearsal (leavers, arrivals, email changes) with a box for each person whose
 * change can be staged, and one for the whole list.
 */
export function PeoplePicker({
  title,
  people,
  total,
  action,
  picked,
  setPicked,
}: {
  title: string;
  people: YearPerson[];
  total: number;
  /** What staging does for one of them: "Remove from the license". */
  action: string;
  picked: Set<string>;
  setPicked: (next: Set<string>) => void;
}) {
  const stageable = people.filter((p) => p.stage && !p.pending);
  const all = stageable.length > 0 && stageable.every((p) => picked.has(p.sourcedId));
  const some = stageable.some((p) => picked.has(p.sourcedId));
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(picked);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    setPicked(next);
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4} size="h5">
          {`${title} (${total})`}
        </Title>
        {stageable.length > 0 && (
          <Checkbox
            label={`${action}: all ${stageable.length}`}
            checked={all}
            indeterminate={some && !all}
            onChange={(e) =>
              toggle(
                stageable.map((p) => p.sourcedId),
                e.currentTarget.checked,
              )
            }
          />
        )}
      </Group>
      {people.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <ScrollTable label={`${title}, scrolling sideways`} minWidth={640}>
          <Table withTableBorder fz="sm" aria-label={title}>
            <Table.Tbody>
              {people.slice(0, SHOWN).map((p) => (
                <Table.Tr key={p.sourcedId}>
                  <Table.Td w={36}>
                    {p.stage && !p.pending ? (
                      <Checkbox
                        aria-label={`${action}: ${p.name}`}
                        checked={picked.has(p.sourcedId)}
                        onChange={(e) => toggle([p.sourcedId], e.currentTarget.checked)}
                      />
                    ) : null}
                  </Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    {p.from ? `${p.from} → ${p.email ?? ''}` : (p.email ?? 'no email')}
                  </Table.Td>
                  <Table.Td>{p.schoolName}</Table.Td>
                  <Table.Td c="dimmed">
                    {p.pending
                      ? `${p.pending} already staged`
                      : (p.note ?? (p.onLicense ? 'On the license' : 'Not on the license'))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {people.length > SHOWN && (
        <Text
          size="sm"
          c="dimmed"
        >{`And ${people.length - SHOWN} more: the CSV export lists everyone.`}</Text>
      )}
    </Stack>
  );
}
