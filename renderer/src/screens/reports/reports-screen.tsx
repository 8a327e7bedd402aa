import type { RequestOf } from '../../../../shared/ipc/contract';
import { Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileReport } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { useSyncStore } from '../../stores/sync-store';
import { saveExport } from '../../api/save-export';

/** An export this screen offers, of the kinds the contract declares. */
type Kind = RequestOf<'reports.export'>['kind'];

/** Files support can act on, made from the same snapshot and findings as the dashboard. */
export function ReportsScreen() {
  const overview = useSyncStore((s) => s.overview);
  const loadOverview = useSyncStore((s) => s.loadOverview);
  const [pseudonymise, setPseudonymise] = useState(true);
  // The sanity report is for the district by default (real names); ticked, it is for sending out.
  const [reportPseudonymised, setReportPseudonymised] = useState(false);
  const [busy, setBusy] = useState<Kind | null>(null);
  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  const save = async (kind: Kind) => {
    setBusy(kind);
    const hide =
      kind === 'support-bundle'
        ? pseudonymise
        : kind === 'pdf' || kind === 'csv' || kind === 'json'
          ? reportPseudonymised
          : false;
    await saveExport({ kind, pseudonymise: hide });
    setBusy(null);
  };

  if (overview && !overview.snapshot) {
    return (
      <>
        <ScreenHeader title="Reports" />
        <NextStepEmptyState
          icon={<IconFileReport size={28} aria-hidden />}
          title="No report to export yet"
          description="Reports are made from a synced roster; sync a connection or open the demo district first."
          action={{ label: 'Open the dashboard', route: 'dashboard' }}
        />
      </>
    );
  }
  return (
    <>
      <ScreenHeader
        title="Reports"
        description="Sanity reports and support bundles that platform support can act on."
      />
      <Stack>
        <Card withBorder>
          <Title order={3} size="h4">
            Sanity report
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Counts and every finding with its fix and where to make it.
          </Text>
          <Checkbox
            label="Pseudonymise emails and names (PDF, CSV and JSON)"
            checked={reportPseudonymised}
            onChange={(e) => setReportPseudonymised(e.currentTarget.checked)}
            mb="sm"
          />
          <Group>
            <Button loading={busy === 'pdf'} onClick={() => void save('pdf')}>
              Export PDF
            </Button>
            <Button variant="default" loading={busy === 'csv'} onClick={() => void save('csv')}>
              Export CSV
            </Button>
            <Button variant="default" loading={busy === 'json'} onClick={() => void save('json')}>
              Export JSON
            </Button>
          </Group>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">
            Support bundle
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            The report, connection settings (never a secret), the app version and recent log lines,
            in one zip.
          </Text>
          <Checkbox
            label="Pseudonymise emails and names"
            checked={pseudonymise}
            onChange={(e) => setPseudonymise(e.currentTarget.checked)}
            mb="sm"
          />
          <Button
            variant="default"
            loading={busy === 'support-bundle'}
            onClick={() => void save('support-bundle')}
          >
            Export support bundle
          </Button>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">
            Old student accounts worksheet
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            The accounts teachers made by hand before rostering, grouped by teacher, with empty
            real-name columns to fill; read it back on the Old student accounts screen.
          </Text>
          <Group>
            <Button
              variant="default"
              loading={busy === 'student-logins'}
              onClick={() => void save('student-logins')}
            >
              Export the worksheet (CSV)
            </Button>
            <Button
              variant="default"
              loading={busy === 'student-worksheet-pdf'}
              onClick={() => void save('student-worksheet-pdf')}
            >
              Printable PDF
            </Button>
          </Group>
        </Card>
      </Stack>
    </>
  );
}
