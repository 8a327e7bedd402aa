import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import type { MantineColorScheme } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DesktopState } from '../../../../shared/domain/desktop';
import { errorMessage, invoke } from '../../api/invoke';
import { KeychainBanner } from '../../components/keychain-banner';
import { ImportsCard } from './imports-card';
import { BackgroundCard } from './background-card';
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

const CLOSE_CHOICES = [
  { value: 'when-scheduled', label: 'While a sync is scheduled' },
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never: closing quits' },
];

/** The desktop app's tray and start-at-login choices; the browser host says they are not its own. */
function DesktopCard() {
  const [state, setState] = useState<DesktopState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    invoke('desktop.preferences', {}).then(setState, (e: unknown) => setProblem(errorMessage(e)));
  }, []);
  const save = async (patch: Partial<DesktopState['preferences']>) => {
    try {
      setState(await invoke('desktop.setPreferences', patch));
      setProblem(null);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Desktop app
      </Title>
      {state === null ? (
        <Text c="dimmed">{problem ?? 'Loading…'}</Text>
      ) : !state.supported ? (
        <Text size="sm">
          The tray icon and starting at login belong to the desktop app. The browser host runs until
          you stop it.
        </Text>
      ) : (
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} id="close-to-tray-label">
              Keep RosterDesk running in the tray when the window is closed
            </Text>
            <SegmentedControl
              aria-labelledby="close-to-tray-label"
              value={state.preferences.closeToTray}
              onChange={(v) =>
                void save({ closeToTray: v as DesktopState['preferences']['closeToTray'] })
              }
              data={CLOSE_CHOICES}
            />
          </div>
          <Switch
            label="Start RosterDesk when I log in to this computer"
            checked={state.preferences.startAtLogin}
            onChange={(e) => void save({ startAtLogin: e.currentTarget.checked })}
          />
          {problem ? (
            <Text size="sm" c="red.9" role="alert">
              {problem}
            </Text>
          ) : null}
        </Stack>
      )}
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
        description="Appearance, where data is kept, the keychain, the desktop app, background work and uploaded exports."
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
        <DesktopCard />
        <BackgroundCard />
        <ImportsCard />
        <IntegrityCheckCard />
      </Stack>
    </>
  );
}
