import { HeldBanner } from './held-banner';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useEffect } from 'react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { SyncProgress } from '../../components/sync-progress';
import { useChangesStore } from '../../stores/changes-store';
import { useRouteStore } from '../../stores/route-store';
import { useSyncStore } from '../../stores/sync-store';
import { SyncWarnings } from './sync-warnings';
import { FindingsPanel } from './findings-panel';
import { SchoolTable } from './school-table';
import { StartHerePanel } from './start-here-panel';
import { SnapshotDiffCard } from './snapshot-diff-card';
import { SyncPreviewCard } from './sync-preview-card';
import { Suspense, lazy } from 'react';

// recharts is large: load it after the first paint.
const SchoolChart = lazy(() => import('./school-chart').then((m) => ({ default: m.SchoolChart })));
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { CountCards } from '../../components/count-cards';

const number = new Intl.NumberFormat();

export function DashboardScreen() {
  const { overview, demoRunning, error, loadOverview, openDemo, stopDemo } = useSyncStore();
  const go = useRouteStore((s) => s.go);
  const weakerMatches = useChangesStore((s) => s.weakerMatches);
  const loadDiagnostics = useDiagnosticsStore((s) => s.load);
  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);
  const snapshotId = overview?.snapshot?.id ?? null;
  useEffect(() => {
    if (snapshotId === null) return;
    // The counts come from the cache at once; the findings take longer, so start them after the
    // counts have painted rather than competing with the first paint.
    const timer = setTimeout(() => void loadDiagnostics(), 200);
    return () => clearTimeout(timer);
  }, [snapshotId, loadDiagnostics]);

  const snapshot = overview?.snapshot ?? null;
  const demoButton = demoRunning ? (
    <Button variant="default" onClick={() => void stopDemo()}>
      Stop the demo servers
    </Button>
  ) : (
    <Button variant={snapshot ? 'default' : 'filled'} onClick={() => void openDemo()}>
      Open the demo district
    </Button>
  );
  return (
    <>
      <ScreenHeader
        title="Dashboard"
        description="What the roster sends, from the local copy: works offline."
        actions={snapshot ? demoButton : undefined}
      />
      {error ? (
        <Alert color="red" title="The overview could not be loaded" mb="md">
          {error}
        </Alert>
      ) : null}
      <SyncProgress />
      <HeldBanner />
      {overview && !snapshot ? (
        <NextStepEmptyState
          icon={<IconGauge size={28} aria-hidden />}
          title="No roster yet"
          description="Open the demo district to explore RosterDesk with a generated district (local servers, no outside account), or add your ClassLink, Clever or OneRoster CSV connection and sync it."
        >
          {demoButton}
          <Button variant="default" onClick={() => go('connections')}>
            Add a connection
          </Button>
        </NextStepEmptyState>
      ) : null}
      {snapshot && overview ? (
        <Stack>
          {weakerMatches > 0 ? (
            <Alert color="orange" title="Changes waiting that are not exact matches">
              <Text size="sm">
                {`${number.format(weakerMatches)} staged or approved merge${weakerMatches === 1 ? '' : 's'} and email change${weakerMatches === 1 ? '' : 's'} rest on a rule weaker than an exact match (a nickname, a typo, part of a name, a pick from several). Each says why.`}
              </Text>
              <Button size="xs" variant="default" mt="xs" onClick={() => go('changes')}>
                Check them on the Changes screen
              </Button>
            </Alert>
          ) : null}
          <StartHerePanel />
          <Title order={3} size="h4">
            What the roster sends
          </Title>
          <CountCards
            cols={{ base: 2, sm: 4, lg: 8 }}
            counts={[
              ['Schools', overview.schools],
              ['Teachers', overview.teachers],
              ['Students', overview.students],
              ['Administrators', overview.administrators],
              ['Staff', overview.staff],
              ['Contacts', overview.contacts],
              ['Classes', overview.classes],
              ['Enrollments', overview.enrollments],
            ]}
          />
          <SchoolTable />
          <SyncWarnings key={snapshot.id} snapshotId={snapshot.id} count={snapshot.warnings} />
          <FindingsPanel />
          <SyncPreviewCard />
          <SnapshotDiffCard />
          <Suspense fallback={null}>
            <SchoolChart />
          </Suspense>
          {overview.inactiveUsers > 0 ? (
            <Text size="sm" c="dimmed">
              {number.format(overview.inactiveUsers)} users marked tobedeleted or disabled are not
              counted.
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}
