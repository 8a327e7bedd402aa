import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import type { MantineColorScheme } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, invoke } from '../../api/invoke';
import { KeychainBanner } from '../../components/keychain-banner';
import { ScreenHeader } from '../../components/screen-header';
import { useAppStatusStore } from '../../stores/app-status-store';

/** The full integrity check of the cache, on demand (start-up runs the quick one). */
function IntegrityCheckCard() {
  const [state, setState] = useState<'idle' | 'running'>('idle');
  const [result, setResult] = useState<string | null>(null);
  const run = async () => {
    setState('running');
    try {
      const r = await invoke('app.checkIntegrity', {});
      setResult(
        r.ok
          ? `The cache is sound (full check took ${r.seconds.toFixed(1)} s).`
          : `The cache is damaged: ${r.problem ?? 'unknown problem'}. Close RosterDesk and start it again: it keeps your connections, changes and audit log and moves the damaged file aside.`,
      );
    } catch (e) {
      setResult(errorMessage(e));
    } finally {
      setState('idle');
    }
  };
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Cache health
      </Title>
      <Text size="sm" mb="sm">
        RosterDesk runs a quick check every time it starts. The full check reads every page and
        index; on a large district it takes several seconds.
      </Text>
      <Group>
        <Button variant="default" loading={state === 'running'} onClick={() => void run()}>
          Run the full check
        </Button>
        {result ? (
          <Text size="sm" aria-live="polite">
            {result}
          </Text>
        ) : null}
      </Group>
    </Card>
  );
}

export function SettingsScreen() {
  const status = useAppStatusStore((s) => s.status);
  const recheck = useAppStatusStore((s) => s.recheckKeychain);
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <ScreenHeader
        title="Settings"
        description="Appearance, where data is kept, and the keychain."
      />
      <KeychainBanner />
      <Stack>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            Appearance
          </Title>
          <SegmentedControl
            aria-label="Theme"
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'Follow the system' },
            ]}
          />
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            About this copy
          </Title>
          {status ? (
            <Table aria-label="About this copy" variant="vertical" withTableBorder>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={180}>Version</Table.Th>
                  <Table.Td>{status.version}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Running as</Table.Th>
                  <Table.Td>
                    {status.transport === 'electron'
                      ? 'Desktop app'
                      : 'Browser host (loopback only)'}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Data folder</Table.Th>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {status.dataDir}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Cache schema</Table.Th>
                  <Table.Td>{status.schemaVersion}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Keychain</Table.Th>
                  <Table.Td>
                    <Group gap="xs">
                      <Badge color={status.keychain.available ? 'teal.9' : 'red.9'}>
                        {status.keychain.available ? 'available' : 'unavailable'}
                      </Badge>
                      <Text size="sm">{status.keychain.backend}</Text>
                      <Button size="compact-xs" variant="default" onClick={() => void recheck()}>
                        Check again
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed">Loading…</Text>
          )}
        </Card>
        <IntegrityCheckCard />
      </Stack>
    </>
  );
}
