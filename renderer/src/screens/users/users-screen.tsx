import { IconUsers } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function UsersScreen() {
  return (
    <>
      <ScreenHeader
        title="Users"
        description="Every teacher, student and administrator the roster sends."
      />
      <NextStepEmptyState
        icon={<IconUsers size={28} aria-hidden />}
        title="No users to show"
        description="Users appear here after the first sync of a roster connection."
        action={{ label: 'Go to Connections', route: 'connections' }}
      />
    </>
  );
}
