import { syncEnded } from '../helpers/wait-for';
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import { createHandlers } from '../../electron/core/handlers';
import { writeCsvZip } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir('rosterdesk-imports-');
afterAll(() => tmp.cleanup());
const dataDir = path.join(tmp.dir, 'data');
const imports = path.join(dataDir, 'imports');
const ctx = { transport: 'browser-host' as const };
const inImports = () => (fs.existsSync(imports) ? fs.readdirSync(imports).sort() : []);

async function exportZip(name: string): Promise<string> {
  const file = path.join(tmp.dir, name);
  await writeCsvZip(smallDistrict(), file);
  return fs.readFileSync(file).toString('base64');
}

async function zipOf(entries: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('base64');
}

async function synced(services: OpenedAppServices, connectionId: string): Promise<string> {
  return (await syncEnded(services, services.syncJobs.start(connectionId).jobId)).state;
}

describe('uploaded exports are checked, owned by their connection, and pruned', () => {
  it('refuses what is not a readable OneRoster zip, and keeps nothing of it', async () => {
    const services = openAppServices({ dataDir, logger: memoryLogger() });
    const table = createHandlers(services);
    try {
      const refused = async (fileName: string, base64: string) => {
        const error = await Promise.resolve(table['files.upload']({ fileName, base64 }, ctx)).then(
          () => null,
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );
        expect(error, fileName).not.toBeNull();
        return error ?? '';
      };
      expect(await refused('export.zip', '%%% not base64 %%%')).toBe(
        'export.zip did not arrive whole (its bytes are not valid base64): pick it again',
      );
      expect(
        await refused('export.zip', Buffer.from('just some text, not a zip').toString('base64')),
      ).toMatch(/^export\.zip was not kept: export\.zip is not a readable zip file/);
      expect(await refused('photos.zip', await zipOf({ 'cat.txt': 'meow' }))).toBe(
        'photos.zip was not kept: photos.zip is a zip, but holds no OneRoster files (users.csv, orgs.csv…)',
      );
      expect(await refused('users.csv', Buffer.from('sourcedId\n').toString('base64'))).toMatch(
        /^users\.csv is not a \.zip: upload the export's zip/,
      );
      expect(inImports()).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it("keeps a good one for its connection; another file or the connection's removal deletes it; Settings lists them", async () => {
    const services = openAppServices({ dataDir, logger: memoryLogger() });
    const table = createHandlers(services);
    try {
      const upload = async (fileName: string) =>
        (await table['files.upload']({ fileName, base64: await exportZip(fileName) }, ctx)).path;
      const first = await upload('spring.zip');
      expect(fs.statSync(first).mode & 0o777).toBe(0o600);
      const connection = services.connections.add({
        name: 'Spring export',
        settings: { kind: 'oneroster-csv', path: first },
        secrets: {},
      });
      const listed = await table['imports.list']({}, ctx);
      expect(listed.deleteAfterSync).toBe(false);
      expect(listed.files).toEqual([
        {
          name: path.basename(first),
          bytes: fs.statSync(first).size,
          savedAt: expect.any(String),
          connections: ['Spring export'],
        },
      ]);
      // The connection is given the next export: the first copy goes.
      const second = await upload('summer.zip');
      services.connections.update(connection.id, {
        name: 'Spring export',
        settings: { kind: 'oneroster-csv', path: second },
        secrets: {},
      });
      expect(inImports()).toEqual([path.basename(second)]);
      // Removing the connection deletes its copy.
      services.connections.remove(connection.id);
      expect(inImports()).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('an upload no connection took is deleted after a day; with the choice on, each goes once its sync succeeds', async () => {
    let services = openAppServices({ dataDir, logger: memoryLogger() });
    let table = createHandlers(services);
    const orphan = (
      await table['files.upload'](
        { fileName: 'left.zip', base64: await exportZip('left.zip') },
        ctx,
      )
    ).path;
    const fresh = (
      await table['files.upload']({ fileName: 'new.zip', base64: await exportZip('new.zip') }, ctx)
    ).path;
    await services.close();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    fs.utimesSync(orphan, twoDaysAgo, twoDaysAgo);
    services = openAppServices({ dataDir, logger: memoryLogger() });
    table = createHandlers(services);
    try {
      expect(inImports()).toEqual([path.basename(fresh)]);
      const connection = services.connections.add({
        name: 'Fall export',
        settings: { kind: 'oneroster-csv', path: fresh },
        secrets: {},
      });
      expect((await table['imports.setDeleteAfterSync']({ on: true }, ctx)).deleteAfterSync).toBe(
        true,
      );
      expect(await synced(services, connection.id)).toBe('complete');
      expect(inImports()).toEqual([]);
      expect((await table['imports.list']({}, ctx)).files).toEqual([]);
    } finally {
      await services.close();
    }
  });
});
