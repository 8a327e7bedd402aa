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
import { KeychainBanner } from '../../components/keychain-banner';
import { ScreenHeader } from '../../components/screen-header';
import { useAppStatusStore } from '../../stores/app-status-store';

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
      </Stack>
    </>
  );
}
