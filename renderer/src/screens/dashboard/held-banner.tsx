import { Alert, Button, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { HeldSync } from '../../../../shared/domain/watch';
import { useSyncEnded } from '../../api/use-sync-ended';
import { invoke } from '../../api/invoke';
import { useRouteStore } from '../../stores/route-store';

/**
 * Syncs held for review, said at the top of the dashboard: the numbers below are the previous
 * sync's until the admin accepts the held one.
 */
export function HeldBanner() {
  const [held, setHeld] = useState<HeldSync[]>([]);
  const [version, setVersion] = useState(0);
  const go = useRouteStore((s) => s.go);
  useEffect(() => {
    let live = true;
    invoke('watch.held', {}).then(
      (h) => live && setHeld(h),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  useSyncEnded(useCallback(() => setVersion((v) => v + 1), []));
  if (held.length === 0) return null;
  return (
    <Alert
      color="orange"
      title={`${held.length === 1 ? 'A sync is' : `${held.length} syncs are`} held for review`}
      mb="md"
    >
      {held.map((h) => (
        <Text size="sm" key={h.snapshotId}>
          {`${h.connectionName}: ${h.review.reasons.slice(0, 2).join('; ')}. The dashboard still shows the sync before it.`}
        </Text>
      ))}
      <Button size="xs" variant="default" mt="xs" onClick={() => go('watch')}>
        Review it on Watch
      </Button>
    </Alert>
  );
}
