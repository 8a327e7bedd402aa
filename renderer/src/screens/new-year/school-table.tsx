import { Table } from '@mantine/core';
import { ScrollTable } from '../../components/scroll-table';
import type { YearSchool } from '../../../../shared/domain/new-year';

/** What the new year means per school: one row each, the district's totals last. */
export function SchoolTable({ schools }: { schools: YearSchool[] }) {
  const sum = (key: keyof YearSchool) =>
    schools.reduce((n, s) => n + (typeof s[key] === 'number' ? s[key] : 0), 0);
  const columns: [keyof YearSchool, string][] = [
    ['leavers', 'Teachers leaving'],
    ['seatsFreed', 'Seats freed'],
    ['arrivals', 'Arriving'],
    ['seatsNeeded', 'To invite'],
    ['emailChanges', 'Email changes'],
    ['noClass', 'No class'],
    ['classesEnding', 'Classes ending'],
    ['classesStarting', 'Starting'],
    ['graduates', 'Graduating'],
    ['studentsLeaving', 'Students leaving'],
    ['incoming', 'New students'],
    ['oldStudentAccounts', 'Old student accounts'],
  ];
  return (
    <ScrollTable label={`The new year per school, scrolling sideways`} minWidth={900}>
      <Table withTableBorder striped aria-label="The new year per school" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>School</Table.Th>
            {columns.map(([key, title]) => (
              <Table.Th key={key} ta="right">
                {title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schools.map((s) => (
            <Table.Tr key={s.schoolId ?? ''}>
              <Table.Td>{s.name}</Table.Td>
              {columns.map(([key]) => (
                <Table.Td key={key} ta="right">
                  {s[key]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr fw={600}>
            <Table.Td>District</Table.Td>
            {columns.map(([key]) => (
              <Table.Td key={key} ta="right">
                {sum(key)}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
