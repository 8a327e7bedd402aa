import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../../shared/domain/connection';
import { errorMessage } from '../../api/invoke';
import { KeychainBanner } from '../../components/keychain-banner';
import { notify } from '../../lib/notify';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { useConnectionsStore } from '../../stores/connections-store';
import { useSyncStore } from '../../stores/sync-store';
import { useRouteStore } from '../../stores/route-store';
import { SyncProgress } from '../../components/sync-progress';
import { ConnectionForm } from './connection-form';
import { ConnectionsTable } from './connections-table';

type Editing = { mode: 'add' } | { mode: 'edit'; connection: ConnectionView } | null;

export function ConnectionsScreen() {
  const { connections, loaded, error, load, remove } = useConnectionsStore();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const startSync = useSyncStore((s) => s.start);

  useEffect(() => {
    void load();
  }, [load]);
  // Opened from a problem about one connection (a missing Application ID): its form opens at once.
  const [focusId, setFocusId] = useState<string | null>(() => useRouteStore.getState().takeFocus());
  const focused = focusId ? connections.find((c) => c.id === focusId) : undefined;
  const shown: Editing = editing ?? (focused ? { mode: 'edit', connection: focused } : null);
  const closeForm = () => {
    setEditing(null);
    setFocusId(null);
  };

  const confirmRemove = async () => {
    if (!removing) return;
    try {
      await remove(removing.id);
      notify('success', `Removed ${removing.name} and its secrets`);
    } catch (e) {
      notify('error', errorMessage(e), 'Not removed');
    }
    setRemoving(null);
  };

  return (
    <>
      <ScreenHeader
        title="Connections"
        description="Where RosterDesk reads rosters from and pushes license changes to. Secrets go to the OS keychain only."
        actions={<Button onClick={() => setEditing({ mode: 'add' })}>Add connection</Button>}
      />
      <KeychainBanner />
      <SyncProgress />
      {error ? (
        <Alert color="red" title="Connections could not be loaded" mb="md">
          {error}
        </Alert>
      ) : null}
      {loaded && connections.length === 0 ? (
        <NextStepEmptyState
          icon={<IconPlugConnected size={28} aria-hidden />}
          title="No connections yet"
          description="Add your ClassLink or Clever connection (or a OneRoster CSV export) to see what the roster sends, and a Platform connection to manage the license."
        />
      ) : (
        <ConnectionsTable
          connections={connections}
          onEdit={(connection) => setEditing({ mode: 'edit', connection })}
          onRemove={setRemoving}
          onSync={(c) => void startSync(c.id)}
        />
      )}
      <Modal
        opened={shown !== null}
        onClose={closeForm}
        title={shown?.mode === 'edit' ? `Edit ${shown.connection.name}` : 'Add connection'}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {shown ? (
          <ConnectionForm
            existing={shown.mode === 'edit' ? shown.connection : undefined}
            onDone={(saved) => {
              closeForm();
              if (saved) notify('success', `Saved ${saved.name}`);
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove connection"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Text>
          Remove <b>{removing?.name}</b>? Its secrets are deleted from the keychain.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirmRemove()}>
            Remove
          </Button>
        </Group>
      </Modal>
    </>
  );
}
