import { Alert, Button, Card, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { LicenseImport } from '../../../../shared/domain/license';
import { errorMessage, invoke, RosterDeskError } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { localTime } from '../../components/local-time';

/** The license list from the platform's license export CSV, for districts without a Platform connection. */
export function LicenseCsvImport() {
  const summary = useDiagnosticsStore((s) => s.summary);
  const load = useDiagnosticsStore((s) => s.load);
  const [result, setResult] = useState<LicenseImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const current = result ?? summary?.license ?? null;

  const [confirm, setConfirm] = useState<{ file: File; question: string } | null>(null);
  const importFile = async (file: File | null, replacePulled = false) => {
    if (!file) return;
    setError(null);
    setConfirm(null);
    try {
      const imported = await invoke('license.import', {
        fileName: file.name,
        text: await file.text(),
        ...(replacePulled ? { replacePulled } : {}),
      });
      setResult(imported);
      notify(
        'success',
        `Imported ${imported.entries} license entries${imported.errors.length ? `; ${imported.errors.length} rows skipped` : ''}`,
      );
      await load();
    } catch (e) {
      if (e instanceof RosterDeskError && e.code === 'NEEDS_CONFIRMATION')
        setConfirm({ file, question: e.message });
      else setError(errorMessage(e));
    }
  };

  return (
    <>
      <Stack>
        <Card withBorder>
          <FileInput
            label="Import the license export (CSV)"
            description="Columns: email, givenName, familyName, status (invited or active), invitedAt, acceptedAt. Bad rows are listed and skipped; good rows are used."
            accept=".csv,text/csv"
            leftSection={<IconFileUpload size={16} aria-hidden />}
            onChange={(f) => void importFile(f)}
            clearable
          />
          {error ? (
            <Alert color="red" mt="sm" title="Not imported">
              {error}
            </Alert>
          ) : null}
          {confirm ? (
            <Alert color="orange" mt="sm" title="Replace the license pulled from the platform?">
              <Text size="sm">{confirm.question}</Text>
              <Group mt="sm">
                <Button color="orange" onClick={() => void importFile(confirm.file, true)}>
                  Replace with {confirm.file.name}
                </Button>
                <Button variant="default" onClick={() => setConfirm(null)}>
                  Keep the pulled license
                </Button>
              </Group>
            </Alert>
          ) : null}
        </Card>
        {current ? (
          <Card withBorder role="region" aria-label="Current license list">
            <Text
              fw={600}
            >{`${current.entries} entries from ${current.source}, imported ${localTime(current.importedAt)}`}</Text>
            {current.errors.length > 0 ? (
              <>
                <Text size="sm" mt="xs">{`${current.errors.length} rows were skipped:`}</Text>
                <Table aria-label="Skipped rows" striped mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Line</Table.Th>
                      <Table.Th>Field</Table.Th>
                      <Table.Th>Reason</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {current.errors.slice(0, 200).map((e) => (
                      <Table.Tr key={`${e.line}-${e.reason}`}>
                        <Table.Td>{e.line}</Table.Td>
                        <Table.Td>{e.field ?? ''}</Table.Td>
                        <Table.Td>{e.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : null}
          </Card>
        ) : (
          <Text c="dimmed">
            No license list yet. Pull it from the platform, import the license export, or open the
            demo district from the dashboard.
          </Text>
        )}
      </Stack>
    </>
  );
}
