import {
  IconAdjustments,
  IconCalendarEvent,
  IconChecklist,
  IconEye,
  IconFileReport,
  IconGauge,
  IconLicense,
  IconUserScan,
  IconPlugConnected,
  IconSchool,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RouteId } from '../lib/routes';

const size = 18;

export const navIcons: Record<RouteId, ReactNode> = {
  dashboard: <IconGauge size={size} aria-hidden />,
  users: <IconUsers size={size} aria-hidden />,
  classes: <IconSchool size={size} aria-hidden />,
  license: <IconLicense size={size} aria-hidden />,
  students: <IconUserScan size={size} aria-hidden />,
  changes: <IconChecklist size={size} aria-hidden />,
  reports: <IconFileReport size={size} aria-hidden />,
  connections: <IconPlugConnected size={size} aria-hidden />,
  watch: <IconEye size={size} aria-hidden />,
  year: <IconCalendarEvent size={size} aria-hidden />,
  settings: <IconAdjustments size={size} aria-hidden />,
};
