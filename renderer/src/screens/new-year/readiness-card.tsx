import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useRouteStore } from '../../stores/route-store';
import type { Readiness } from '../../../../shared/domain/new-year';

/** Filled, dark enough for white text to read in both colour schemes. */
const BADGE = {
  ok: { color: 'teal.9', label: 'Ready' },
  fail: { color: 'red.9', label: 'Not ready' },
  unknown: { color: 'gray.7', label: 'Unknown' },
} as const;

/** The readiness checklist: each check's state, what it found and where it is fixed. */
export function ReadinessCard({ readiness }: { readiness: Readiness }) {
  const go = useRouteStore((s) => s.go);
  return (
    <Card withBorder role="region" aria-label="Readiness checklist">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {readiness.summary}
        </Title>
        <List spacing="xs" listStyleType="none" aria-label="Checks">
          {readiness.checks.map((c) => (
            <List.Item key={c.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge
                  color={BADGE[c.state].color}
                  variant="filled"
                  w={112}
                  style={{ flexShrink: 0 }}
                >
                  {BADGE[c.state].label}
                </Badge>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {c.label}
                  </Text>
                  <Text size="sm">{c.detail}</Text>
                  {c.fix && (
                    <Group gap="xs">
                      <Text size="sm" c="dimmed">
                        {`Fix: ${c.fix}`}
                      </Text>
                      {c.fixScreen && (
                        <Anchor
                          component="button"
                          size="sm"
                          onClick={() => go(c.fixScreen ?? 'dashboard')}
                        >
                          {`Open ${c.fixScreen === 'license' ? 'License' : 'Classes'}`}
                        </Anchor>
                      )}
                    </Group>
                  )}
                </Stack>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
