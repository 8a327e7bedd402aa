import { notifications } from '@mantine/notifications';

/** A toast whose close button has a name for screen readers. */
export function notify(kind: 'success' | 'error', message: string, title?: string): void {
  notifications.show({
    color: kind === 'success' ? 'teal' : 'red',
    message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
}
