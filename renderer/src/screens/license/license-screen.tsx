import { IconLicense } from '@tabler/icons-react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';

export function LicenseScreen() {
  return (
    <>
      <ScreenHeader
        title="License"
        description="The teachers on your platform license, their status and email."
      />
      <NextStepEmptyState
        icon={<IconLicense size={28} aria-hidden />}
        title="No license list yet"
        description="Add a Platform connection with your license ID and API token to load the teacher license list."
        action={{ label: 'Add a Platform connection', route: 'connections' }}
      />
    </>
  );
}
