import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { BulkPreview } from '../../../../shared/domain/change';
import { errorMessage, invoke } from '../../api/invoke';
import { useChangesStore } from '../../stores/changes-store';

/** Bulk add from a CSV file or a pasted list: a preview with each row's problem, then only the good rows are staged. */
export function BulkAddModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const staged = useChangesStore((s) => s.staged);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('pasted list');
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Red text readable on both backgrounds (red.9 is too dark on the dark theme).
  const scheme = useComputedColorScheme('light');
  const check = async (body: string, name: string) => {
    setError(null);
    try {
      setPreview(await invoke('changes.bulkPreview', { fileName: name, text: body }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const commit = async () => {
    try {
      const result = await invoke('changes.bulkInvite', { fileName, text });
      staged(
        `Staged ${result.staged} invitation${result.staged === 1 ? '' : 's'}${result.preview.invalid ? `; ${result.preview.invalid} rows left out` : ''}`,
      );
      setPreview(null);
      setText('');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Bulk add teachers"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <FileInput
          label="A CSV file"
          description="With an email column; first and last name columns are optional."
          accept=".csv,text/csv,text/plain"
          leftSection={<IconFileUpload size={16} aria-hidden />}
          onChange={(file) => {
            if (!file) return;
            void file.text().then((body) => {
              setText(body);
              setFileName(file.name);
              void check(body, file.name);
            });
          }}
        />
        <Textarea
          label="Or paste a list"
          description={'One per line: an email, or "First Last <email>".'}
          autosize
          minRows={4}
          maxRows={10}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setFileName('pasted list');
            setPreview(null);
          }}
        />
        <Group>
          <Button
            variant="default"
            disabled={!text.trim()}
            onClick={() => void check(text, fileName)}
          >
            Check the list
          </Button>
          <Button disabled={!preview || preview.valid === 0} onClick={() => void commit()}>
            {preview
              ? `Stage ${preview.valid} invitation${preview.valid === 1 ? '' : 's'}`
              : 'Stage invitations'}
          </Button>
        </Group>
        {error ? (
          <Alert color="red" title="Not checked">
            {error}
          </Alert>
        ) : null}
        {preview ? (
          <>
            <Text
              size="sm"
              aria-live="polite"
            >{`${preview.valid} rows are good; ${preview.invalid} have a problem and will be left out.${preview.more ? ` The table shows ${preview.rows.length} rows, problems first; ${preview.more} more good rows are not listed.` : ''}`}</Text>
            {preview.seats.warning ? (
              <Alert color="orange" title="Seats">
                {preview.seats.warning}
              </Alert>
            ) : null}
            <Table aria-label="Bulk add preview" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Check</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <Table.Tr key={`${r.line}-${r.email}`}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.email}</Table.Td>
                    <Table.Td>{[r.givenName, r.familyName].filter(Boolean).join(' ')}</Table.Td>
                    <Table.Td>
                      {r.error ? (
                        <Text size="sm" c={scheme === 'dark' ? 'red.3' : 'red.9'}>
                          {r.error}
                        </Text>
                      ) : (
                        <Badge color="teal.9">ok</Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}
