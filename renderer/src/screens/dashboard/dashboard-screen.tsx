import { IconGauge } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function DashboardScreen() {
  return (
    <>
      <ScreenHeader
        title="Dashboard"
        description="What the roster sends, and why teachers cannot see their classes."
      />
      <NextStepEmptyState
        icon={<IconGauge size={28} aria-hidden />}
        title="No roster yet"
        description="Add a ClassLink, Clever or OneRoster CSV connection, then sync it: the dashboard reads the local copy, so it works offline."
        action={{ label: 'Add a connection', route: 'connections' }}
      />
    </>
  );
}
