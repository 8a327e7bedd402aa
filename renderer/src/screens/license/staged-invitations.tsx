import { Alert, Button, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Change } from '../../../../shared/domain/change';
import { invoke } from '../../api/invoke';
import { useChangesStore } from '../../stores/changes-store';
import { useRouteStore } from '../../stores/route-store';

/**
 * Invitations staged or approved but not pushed: they are not on the platform's license yet, so
 * they are listed above it, where an admin looks for the teacher they just added.
 */
export function StagedInvitations() {
  const version = useChangesStore((s) => s.version);
  const go = useRouteStore((s) => s.go);
  const [invites, setInvites] = useState<Change[]>([]);
  useEffect(() => {
    let alive = true;
    void Promise.all([
      invoke('changes.list', { status: 'staged', offset: 0, limit: 500 }),
      invoke('changes.list', { status: 'approved', offset: 0, limit: 500 }),
    ]).then((lists) => {
      if (alive) setInvites(lists.flatMap((l) => l.rows).filter((c) => c.kind === 'invite'));
    });
    return () => {
      alive = false;
    };
  }, [version]);
  if (invites.length === 0) return null;
  const shown = invites.slice(0, 12).map((c) => `${c.subject} (${c.status})`);
  return (
    <Alert
      color="blue"
      mb="md"
      title={`${invites.length} invitation${invites.length === 1 ? '' : 's'} waiting to be pushed`}
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {`${shown.join(', ')}${invites.length > shown.length ? `, and ${invites.length - shown.length} more` : ''}. They join the license once approved and pushed.`}
      </Text>
      <Button size="xs" mt="xs" variant="default" onClick={() => go('changes')}>
        Open Changes
      </Button>
    </Alert>
  );
}
