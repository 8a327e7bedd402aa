import { Button } from '@mantine/core';
import { useRef, useState } from 'react';
import { errorMessage, invoke } from '../../api/invoke';
import { uploadFile } from '../../api/upload-file';
import { notify } from '../../lib/notify';

/**
 * Points RosterDesk at next year's roster from here: the SIS's early OneRoster export (a zip)
 * becomes a connection of its own and is synced; the rehearsal opens when the sync ends. In the
 * desktop app the native dialog gives its path; in the browser the file is uploaded.
 */
export function NextYearExportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const addAndSync = async (path: string, fileName: string) => {
    const connection = await invoke('connections.add', {
      name: `Next year's export (${fileName})`,
      settings: { kind: 'oneroster-csv', path },
      secrets: {},
    });
    await invoke('sync.start', { connectionId: connection.id });
    notify('info', `Syncing ${connection.name}: the rehearsal opens when it ends.`);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      notify('error', errorMessage(error), "Next year's export not added");
    } finally {
      setBusy(false);
    }
  };
  const pick = () =>
    run(async () => {
      const picked = await invoke('files.pick', {});
      if (!picked.supported) input.current?.click();
      else if (picked.path)
        await addAndSync(picked.path, picked.path.split(/[\\/]/).pop() ?? 'export');
    });
  return (
    <>
      <Button variant="default" loading={busy} onClick={() => void pick()}>
        Add next year's export…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".zip"
        hidden
        aria-label="Next year's OneRoster export"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void run(async () => addAndSync(await uploadFile(file), file.name));
        }}
      />
    </>
  );
}
