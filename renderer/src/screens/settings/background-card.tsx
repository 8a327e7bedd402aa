import { Badge, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { serviceStatusSchema, Settings } from '../../../../shared/domain/settings';
import { settingDefinitions } from '../../../../shared/domain/settings';
import { errorMessage, invoke } from '../../api/invoke';

type ServiceStatus = z.infer<typeof serviceStatusSchema>;

const STATE_COLOR: Record<ServiceStatus['state'], string> = {
  running: 'teal.9',
  registered: 'gray.7',
  stopped: 'gray.7',
  failed: 'red.9',
};

/** The background services and their state, and the backup interval (a declared setting). */
export function BackgroundCard() {
  const [services, setServices] = useState<ServiceStatus[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([invoke('app.background', {}), invoke('settings.get', {})]).then(
      ([s, v]) => {
        setServices(s);
        setSettings(v);
      },
      (e: unknown) => setProblem(errorMessage(e)),
    );
  }, []);
  const backups = settingDefinitions['backups.everyHours'];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Background work
      </Title>
      <Stack gap="sm">
        <NumberInput
          label="Copy my work (connections, changes, audit log) to backups every … hours"
          description={`${backups.about}; a copy is also made when RosterDesk closes.`}
          min={1}
          max={168}
          w={420}
          value={settings?.['backups.everyHours'] ?? backups.default}
          disabled={settings === null}
          onChange={(value) => {
            if (typeof value !== 'number') return;
            invoke('settings.set', { key: 'backups.everyHours', value }).then(
              (next) => {
                setSettings(next);
                setProblem(null);
              },
              (e: unknown) => setProblem(errorMessage(e)),
            );
          }}
        />
        {problem && (
          <Text c="red.9" size="sm">
            {problem}
          </Text>
        )}
        {services && (
          <Table aria-label="Background services" withTableBorder>
            <Table.Tbody>
              {services.map((s) => (
                <Table.Tr key={s.name}>
                  <Table.Th w={140}>{s.name}</Table.Th>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={STATE_COLOR[s.state]}>{s.state}</Badge>
                      <Text size="sm">{s.error ? `${s.about} (${s.error})` : s.about}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
