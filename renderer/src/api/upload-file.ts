import { invoke } from './invoke';

/**
 * Uploads a file the admin chose in the browser (which cannot give its path) into the data
 * folder's imports; returns the path the main process keeps it at.
 */
export async function uploadFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const saved = await invoke('files.upload', { fileName: file.name, base64: btoa(binary) });
  return saved.path;
}
