import { Card, SimpleGrid, Text } from '@mantine/core';
import type { SimpleGridProps } from '@mantine/core';

const number = new Intl.NumberFormat();

/** A row of counts, each a card labelled "Label: value" for screen readers and tests. */
export function CountCards({
  counts,
  cols,
}: {
  counts: readonly (readonly [string, number])[];
  cols: SimpleGridProps['cols'];
}) {
  return (
    <SimpleGrid cols={cols}>
      {counts.map(([label, value]) => (
        <Card key={label} withBorder aria-label={`${label}: ${value}`}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text size="xl" fw={700}>
            {number.format(value)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
