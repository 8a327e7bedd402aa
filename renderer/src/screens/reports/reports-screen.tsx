import { IconFileReport } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function ReportsScreen() {
  return (
    <>
      <ScreenHeader
        title="Reports"
        description="Sanity reports and support bundles that platform support can act on."
      />
      <NextStepEmptyState
        icon={<IconFileReport size={28} aria-hidden />}
        title="No report to export yet"
        description="Reports are made from a synced roster; add and sync a connection first."
        action={{ label: 'Go to Connections', route: 'connections' }}
      />
    </>
  );
}
