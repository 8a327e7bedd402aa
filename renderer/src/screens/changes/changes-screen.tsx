import { IconChecklist } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function ChangesScreen() {
  return (
    <>
      <ScreenHeader
        title="Changes"
        description="Staged changes to the license: nothing is sent until you approve it."
      />
      <NextStepEmptyState
        icon={<IconChecklist size={28} aria-hidden />}
        title="Nothing staged"
        description="Fixes you propose from the dashboard or the License screen wait here for your approval."
        action={{ label: 'Open the dashboard', route: 'dashboard' }}
      />
    </>
  );
}
