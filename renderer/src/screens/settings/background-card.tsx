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

const mb = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The services' names as the admin reads them. */
const SERVICE_NAME: Record<string, string> = {
  backups: 'Backups',
  demo: 'Demo district',
  push: 'Push',
  syncs: 'Syncs',
  scheduler: 'Scheduled syncs',
};

/** The background services and their state, and the backup interval (a declared setting). */
export function BackgroundCard() {
  const [services, setServices] = useState<ServiceStatus[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [disk, setDisk] = useState<{
    total: number;
    parts: { name: string; bytes: number }[];
  } | null>(null);
  useEffect(() => {
    Promise.all([
      invoke('app.background', {}),
      invoke('settings.get', {}),
      invoke('app.diskUsage', {}),
    ]).then(
      ([s, v, d]) => {
        setServices(s);
        setSettings(v);
        setDisk(d);
      },
      (e: unknown) => setProblem(errorMessage(e)),
    );
  }, []);
  const backups = settingDefinitions['backups.everyHours'];
  const range = backups.schema;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Background work
      </Title>
      <Stack gap="sm">
        <NumberInput
          label="Back up my work every (hours)"
          description="Connections, changes and the audit log are copied to the data folder's backups, and once more when RosterDesk closes; the last five copies are kept."
          min={range.minValue ?? 1}
          max={range.maxValue ?? 168}
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
        <NumberInput
          label="Past snapshots kept per connection, besides the current one"
          description="Older ones are deleted after each sync; their counts stay in the trend on Watch."
          min={settingDefinitions['snapshots.keep'].schema.minValue ?? 1}
          max={settingDefinitions['snapshots.keep'].schema.maxValue ?? 50}
          w={420}
          value={settings?.['snapshots.keep'] ?? settingDefinitions['snapshots.keep'].default}
          disabled={settings === null}
          onChange={(value) => {
            if (typeof value !== 'number') return;
            invoke('settings.set', { key: 'snapshots.keep', value }).then(
              (next) => {
                setSettings(next);
                setProblem(null);
              },
              (e: unknown) => setProblem(errorMessage(e)),
            );
          }}
        />
        {disk && (
          <Text size="sm">
            {`The data folder uses ${mb(disk.total)}: ${disk.parts
              .filter((p) => p.bytes > 0)
              .map((p) => `${p.name} ${mb(p.bytes)}`)
              .join(', ')}.`}
          </Text>
        )}
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
                  <Table.Th w={160}>{SERVICE_NAME[s.name] ?? s.name}</Table.Th>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={STATE_COLOR[s.state]} style={{ flexShrink: 0 }}>
                        {s.state}
                      </Badge>
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
