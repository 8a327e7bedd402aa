import { LineChart } from '@mantine/charts';
import { Card, Stack, Text, Title } from '@mantine/core';
import type { HistoryPoint } from '../../../../shared/domain/watch';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** The roster's counts and its errors by code over the syncs, held and failed syncs marked. */
export function TrendCard({ history }: { history: HistoryPoint[] }) {
  const counted = history.filter((p) => p.counts);
  if (history.length === 0)
    return (
      <Card withBorder role="region" aria-label="Trend">
        <Title order={3} size="h4" mb="xs">
          Trend
        </Title>
        <Text size="sm" c="dimmed">
          Each sync adds a point here: teachers, students, classes and enrollments over time.
        </Text>
      </Card>
    );
  const data = counted.map((p) => ({
    sync: `${when(p.finishedAt)}${p.outcome === 'held' ? ' (held)' : p.outcome === 'rejected' ? ' (rejected)' : ''}`,
    Teachers: p.counts?.teachers ?? 0,
    Students: p.counts?.students ?? 0,
    Classes: p.counts?.classes ?? 0,
    Enrollments: p.counts?.enrollments ?? 0,
  }));
  // The five codes with the most findings over the period, each a line.
  const totals = new Map<string, number>();
  for (const p of history)
    for (const [code, n] of Object.entries(p.findings))
      totals.set(code, (totals.get(code) ?? 0) + n);
  const codes = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([c]) => c);
  const errors = history
    .filter((p) => Object.keys(p.findings).length > 0)
    .map((p) => ({
      sync: when(p.finishedAt),
      ...Object.fromEntries(codes.map((c) => [c, p.findings[c] ?? 0])),
    }));
  const marked = history.filter((p) => p.outcome !== 'complete' && p.outcome !== 'accepted');
  const colors = ['red.8', 'orange.8', 'grape.7', 'blue.7', 'teal.8'];
  return (
    <Card withBorder role="region" aria-label="Trend">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Trend
        </Title>
        <LineChart
          h={240}
          data={data}
          dataKey="sync"
          withLegend
          series={[
            { name: 'Students', color: 'indigo.7' },
            { name: 'Enrollments', color: 'gray.6' },
            { name: 'Classes', color: 'teal.7' },
            { name: 'Teachers', color: 'orange.8' },
          ]}
        />
        {errors.length > 0 && (
          <>
            <Title order={4} size="h5">
              Findings by code
            </Title>
            <LineChart
              h={200}
              data={errors}
              dataKey="sync"
              withLegend
              series={codes.map((c, i) => ({ name: c, color: colors[i] ?? 'gray.6' }))}
            />
          </>
        )}
        <Text size="sm">
          {marked.length === 0
            ? `${history.length} syncs, none held or failed.`
            : `Held or failed: ${marked
                .slice(-6)
                .map(
                  (p) =>
                    `${when(p.finishedAt)} ${p.outcome}${p.error ? ` (${p.error.slice(0, 80)})` : ''}`,
                )
                .join('; ')}.`}
        </Text>
      </Stack>
    </Card>
  );
}
