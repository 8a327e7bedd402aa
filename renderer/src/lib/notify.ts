import { notifications } from '@mantine/notifications';
import { createElement } from 'react';
import type { RouteId } from './routes';

const COLOR = { success: 'teal', error: 'red', info: 'blue' } as const;

/**
 * A toast whose close button has a name for screen readers. With `link`, the message ends with a
 * button that opens that screen (a staged change says "Open Changes").
 */
export function notify(
  kind: keyof typeof COLOR,
  message: string,
  title?: string,
  link?: { label: string; route: RouteId },
): void {
  const id = `toast-${Math.random().toString(36).slice(2)}`;
  notifications.show({
    id,
    color: COLOR[kind],
    message: link
      ? createElement(
          'span',
          null,
          createElement('span', null, message),
          ' ',
          createElement(
            'button',
            {
              type: 'button',
              style: {
                background: 'none',
                border: 0,
                padding: 0,
                color: 'inherit',
                font: 'inherit',
                fontWeight: 600,
                textDecoration: 'underline',
                cursor: 'pointer',
              },
              onClick: () => {
                // The route store follows the hash.
                window.location.hash = `#/${link.route}`;
                notifications.hide(id);
              },
            },
            link.label,
          ),
        )
      : message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
}
