import { AppShell, Badge, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { StartupNotices } from '../components/startup-notices';
import { UserReport } from '../components/user-report';
import { useAppStatusStore } from '../stores/app-status-store';
import { useChangesStore } from '../stores/changes-store';
import { useRouteStore } from '../stores/route-store';
import { navIcons } from './nav-icons';
import { routes } from '../lib/routes';
import { Screen } from './screen';

export function App() {
  const [opened, { toggle, close }] = useDisclosure();
  const route = useRouteStore((s) => s.route);
  const go = useRouteStore((s) => s.go);
  const load = useAppStatusStore((s) => s.load);
  const counts = useChangesStore((s) => s.counts);
  const refreshChanges = useChangesStore((s) => s.refresh);
  const waiting = (counts.staged ?? 0) + (counts.approved ?? 0);

  useEffect(() => {
    void load();
    void refreshChanges();
  }, [load, refreshChanges]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        {/* The first Tab: straight to the screen's content (a card's button took 25 tabs). */}
        <a
          href="#main-content"
          className="skip-link"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('main-content')?.focus();
          }}
        >
          Skip to the content
        </a>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3">
              RosterDesk
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              roster review and license admin
            </Text>
          </Group>
          <ColorSchemeToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {routes.map((r) => (
          <NavLink
            key={r.id}
            href={`#/${r.id}`}
            label={r.label}
            leftSection={navIcons[r.id]}
            rightSection={
              r.id === 'changes' && waiting > 0 ? (
                <Badge
                  size="sm"
                  color="blue.9"
                  circle={waiting < 10}
                  aria-label={`${waiting} change${waiting === 1 ? '' : 's'} waiting`}
                >
                  {waiting}
                </Badge>
              ) : undefined
            }
            active={route === r.id}
            variant="filled"
            aria-current={route === r.id ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              go(r.id);
              close();
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <StartupNotices />
        <Screen route={route} />
        <UserReport />
      </AppShell.Main>
    </AppShell>
  );
}
