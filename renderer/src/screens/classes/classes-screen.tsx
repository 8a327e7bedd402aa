import { IconSchool } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function ClassesScreen() {
  return (
    <>
      <ScreenHeader
        title="Classes"
        description="Classes and their enrollments as the roster sends them."
      />
      <NextStepEmptyState
        icon={<IconSchool size={28} aria-hidden />}
        title="No classes to show"
        description="Classes appear here after the first sync of a roster connection."
        action={{ label: 'Go to Connections', route: 'connections' }}
      />
    </>
  );
}
