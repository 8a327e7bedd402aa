import type { RequestOf } from '../../../shared/ipc/contract';
import { downloadBase64 } from '../lib/download';
import { notify } from '../lib/notify';
import { errorMessage, invoke } from './invoke';

/** Builds an export in the main process and saves it through a download, saying how it went. */
export async function saveExport(request: RequestOf<'reports.export'>): Promise<void> {
  try {
    const file = await invoke('reports.export', request);
    downloadBase64(file.fileName, file.mimeType, file.base64);
    notify('success', `Saved ${file.fileName}`);
  } catch (e) {
    notify('error', errorMessage(e), 'Export failed');
  }
}
