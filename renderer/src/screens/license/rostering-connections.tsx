import { Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { PROVENANCE_LABEL } from '../../../../shared/platform/platform-wire';
import { useState } from 'react';
import type { RosteringConnection } from '../../../../shared/platform/platform-wire';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';

function Register({ connection }: { connection: RosteringConnection }) {
  const staged = useChangesStore((s) => s.staged);
  const [value, setValue] = useState('');
  const stage = async () => {
    try {
      await invoke('changes.stage', {
        kind: 'register-application-id',
        connectionId: connection.id,
        applicationId: value,
      });
      staged(`Staged: register Application ID ${value} for ${connection.name}`);
      setValue('');
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
    }
  };
  return (
    <Group gap={4}>
      <TextInput
        size="xs"
        aria-label={`Application ID for ${connection.name}`}
        placeholder="Application ID"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
      />
      <Button size="compact-sm" disabled={!value.trim()} onClick={() => void stage()}>
        Register
      </Button>
    </Group>
  );
}

/** The license's rostering connections on the platform; one without an Application ID can get one staged. */
export function RosteringConnections({ connections }: { connections: RosteringConnection[] }) {
  if (connections.length === 0) return null;
  return (
    <Group gap="lg" mt="xs">
      <Text size="sm">Rostering connections on the platform:</Text>
      {connections.map((c) => (
        <Group key={c.id} gap={6}>
          <Text size="sm" fw={600}>
            {PROVENANCE_LABEL[c.provider]}
          </Text>
          {c.applicationId ? (
            <Badge color="teal.9">Application ID registered</Badge>
          ) : (
            <>
              <Badge color="red.9">no Application ID</Badge>
              <Register connection={c} />
            </>
          )}
        </Group>
      ))}
    </Group>
  );
}
