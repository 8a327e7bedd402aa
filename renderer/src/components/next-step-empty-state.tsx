import { Button, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RouteId } from '../lib/routes';
import { useRouteStore } from '../stores/route-store';

/** An empty screen that says what to do next, with a button that goes there. */
export function NextStepEmptyState(props: {
  icon: ReactNode;
  title: string;
  description: string;
  action?: { label: string; route: RouteId };
  children?: ReactNode;
}) {
  const go = useRouteStore((s) => s.go);
  return (
    <EmptyState icon={props.icon} title={props.title} description={props.description} mt="xl">
      {props.children ? <EmptyState.Actions>{props.children}</EmptyState.Actions> : null}
      {props.action ? (
        <EmptyState.Actions>
          <Button onClick={() => props.action && go(props.action.route)}>
            {props.action.label}
          </Button>
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );
}
