import { notifications } from '@mantine/notifications';

const COLOR = { success: 'teal', error: 'red', info: 'blue' } as const;

/** A toast whose close button has a name for screen readers. */
export function notify(kind: keyof typeof COLOR, message: string, title?: string): void {
  notifications.show({
    color: COLOR[kind],
    message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
}
