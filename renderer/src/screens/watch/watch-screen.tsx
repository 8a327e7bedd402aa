import { Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type {
  HeldSync,
  HistoryPoint,
  ScheduleView,
  SyncDigest,
} from '../../../../shared/domain/watch';
import { useSyncEnded } from '../../api/use-sync-ended';
import { errorMessage, invoke } from '../../api/invoke';
import { ScreenHeader } from '../../components/screen-header';
import { DigestCard } from './digest-card';
import { HeldSyncsCard } from './held-syncs-card';
import { ScheduleCard } from './schedule-card';
import { TrendCard } from './trend-card';

/** Everything the screen shows, read at once. */
async function readAll() {
  const [h, d, t, s] = await Promise.all([
    invoke('watch.held', {}),
    invoke('watch.digest', {}),
    invoke('watch.history', {}),
    invoke('watch.schedules', {}),
  ]);
  return { h, d, t, s };
}

/** Watching the roster between visits: held syncs first, then what changed, the trend and schedules. */
export function WatchScreen() {
  const [held, setHeld] = useState<HeldSync[]>([]);
  const [digest, setDigest] = useState<SyncDigest | null>(null);
  const [history, setHistory] = useState<HistoryPoint[]>([]);
  const [schedules, setSchedules] = useState<ScheduleView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    readAll().then(
      ({ h, d, t, s }) => {
        if (!live) return;
        setHeld(h);
        setDigest(d);
        setHistory(t);
        setSchedules(s);
        setProblem(null);
      },
      (error: unknown) => live && setProblem(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [version]);
  // A sync that ends (held, complete or failed) changes every card here.
  useSyncEnded(reload);
  return (
    <>
      <ScreenHeader
        title="Watch"
        description="Syncs held for review, what changed for the license since the previous sync, the trend, and when each connection syncs by itself."
      />
      <Stack>
        {problem && <Text c="red.9">{problem}</Text>}
        <HeldSyncsCard held={held} changed={reload} />
        <DigestCard digest={digest} />
        <TrendCard history={history} />
        <ScheduleCard schedules={schedules} saved={setSchedules} />
      </Stack>
    </>
  );
}
