import { LineChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { SeatForecast } from '../../../../shared/domain/new-year';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const label = (month: string) =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(2, 4)}`;

/** The seat forecast: the sentence, its inputs, and the coming year as a chart with the contract line. */
export function ForecastCard({ forecast }: { forecast: SeatForecast }) {
  const t = forecast.teacher;
  const data = forecast.months.map((m) => ({
    month: label(m.month),
    'Teacher seats (high)': m.teacherHigh,
    'Teacher seats (low)': m.teacherLow,
    ...(m.seats !== null ? { 'Contract seats': m.seats } : {}),
  }));
  return (
    <Card withBorder role="region" aria-label="Seat forecast">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Seat forecast
        </Title>
        <Text
          fw={600}
          c={t.short > 0 ? 'var(--mantine-color-red-text)' : undefined}
          aria-label="Forecast in words"
        >
          {forecast.sentence}
        </Text>
        <Table withTableBorder aria-label="Teacher seats next year" maw={560}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>On the license today</Table.Td>
              <Table.Td ta="right">{`${t.onLicenseNow} (${t.pendingInvitations} pending invitations)`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Licensed teachers leaving</Table.Td>
              <Table.Td ta="right">{`− ${t.leaversFreed}`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Arriving teachers to invite</Table.Td>
              <Table.Td ta="right">{`+ ${t.arrivalsToInvite}`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td fw={600}>Next year</Table.Td>
              <Table.Td ta="right" fw={600}>
                {t.low === t.high
                  ? `${t.high}`
                  : `${t.low}–${t.high} (${t.reclaimable} unused seats reclaimed or not)`}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Contract</Table.Td>
              <Table.Td ta="right">{forecast.seats ?? 'unknown (license from a CSV)'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <LineChart
          h={220}
          data={data}
          dataKey="month"
          withLegend
          aria-label="Teacher seats over the coming year, with the contract line"
          series={[
            { name: 'Teacher seats (high)', color: 'orange.8' },
            { name: 'Teacher seats (low)', color: 'orange.4', strokeDasharray: '4 4' },
            ...(forecast.seats !== null
              ? [{ name: 'Contract seats', color: 'red.7', strokeDasharray: '8 4' }]
              : []),
          ]}
        />
        {forecast.student && (
          <Text size="sm" aria-label="Student seats next year">
            {`Student seats next year: about ${forecast.student.low}–${forecast.student.high} (today ${forecast.student.seatsNow}). ${forecast.student.basis}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
