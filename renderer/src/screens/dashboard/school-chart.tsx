import { BarChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';

/** Teachers and students per school: where a share is cut short shows at a glance. */
export function SchoolChart() {
  const schools = useDiagnosticsStore((s) => s.schools);
  if (schools.length === 0) return null;
  const top = schools.slice(0, 40);
  return (
    <Card withBorder role="region" aria-label="Per school">
      <Title order={3} size="h4" mb="xs">
        Per school
      </Title>
      <BarChart
        h={260}
        data={top}
        dataKey="name"
        withLegend
        series={[
          { name: 'teachers', color: 'indigo.7' },
          { name: 'students', color: 'teal.7' },
        ]}
        tickLine="y"
      />
      {schools.length > top.length ? (
        <Text size="sm" c="dimmed">{`First ${top.length} of ${schools.length} schools.`}</Text>
      ) : null}
    </Card>
  );
}
