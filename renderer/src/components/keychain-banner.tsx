import { Alert, Button, Group, Text } from '@mantine/core';
import { useAppStatusStore } from '../stores/app-status-store';

/** Says plainly when the OS keychain cannot be reached, and that nothing secret will be saved. */
export function KeychainBanner() {
  const keychain = useAppStatusStore((s) => s.status?.keychain);
  const recheck = useAppStatusStore((s) => s.recheckKeychain);
  if (!keychain || keychain.available) return null;
  return (
    <Alert color="red" title="Keychain unavailable" mb="md" role="alert">
      <Text size="sm">
        RosterDesk cannot reach the OS keychain ({keychain.backend}):{' '}
        {keychain.reason ?? 'unknown reason'}.
      </Text>
      <Text size="sm" mt={4}>
        Client secrets and tokens cannot be saved until it is available; RosterDesk never writes
        them to a file. Unlock or start your keychain, then check again.
      </Text>
      <Group mt="sm">
        <Button size="xs" variant="white" color="red" onClick={() => void recheck()}>
          Check again
        </Button>
      </Group>
    </Alert>
  );
}
