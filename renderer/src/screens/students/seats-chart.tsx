import { LineChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import type { StudentSeats } from '../../../../shared/domain/old-students';

/** Student seats over time, one point per license pull: the old accounts going away. */
export function SeatsChart({ history }: { history: StudentSeats['history'] }) {
  if (history.length === 0) return null;
  const data = history.map((h) => ({
    pulled: new Date(h.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }),
    'Student seats used': h.studentSeatsUsed,
    'Old accounts not merged': h.oldStudentAccounts,
    Merged: h.merged,
  }));
  return (
    <Card withBorder role="region" aria-label="Student seats over time">
      <Title order={3} size="h4" mb="xs">
        Student seats over time
      </Title>
      <LineChart
        h={220}
        data={data}
        dataKey="pulled"
        withLegend
        series={[
          { name: 'Student seats used', color: 'indigo.7' },
          { name: 'Old accounts not merged', color: 'orange.8' },
          { name: 'Merged', color: 'teal.7' },
        ]}
      />
      <Text size="sm" c="dimmed">
        One point each time the license is pulled from the platform (after every push).
      </Text>
    </Card>
  );
}
