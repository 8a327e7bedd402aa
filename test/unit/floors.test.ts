import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The rooms of electron/core from the ground up, as README's architecture section lists them: a
 * file imports only from its own room or a room on a lower floor.
 */
const FLOORS: string[][] = [
  ['db', 'http', 'secrets'],
  ['runtime', 'settings', 'connections', 'license'],
  ['sources', 'platform', 'ipc', 'events'],
  ['snapshot', 'changes', 'watch'],
  ['diagnostics', 'ingest', 'connection-test', 'students'],
  ['reports', 'demo', 'background', 'new-year'],
  ['app'],
  ['handlers.ts'],
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.resolve(path.dirname(file), m[1] ?? ''),
  );
}

const roomOf = (file: string, base: string) => path.relative(base, file).split(path.sep)[0] ?? '';

describe('floors', () => {
  it('nothing in electron/core imports from a room on a higher floor', () => {
    const core = path.join(ROOT, 'electron/core');
    const floorOf = new Map(FLOORS.flatMap((rooms, floor) => rooms.map((r) => [r, floor])));
    const rooms = fs.readdirSync(core);
    expect(
      rooms.filter((r) => !floorOf.has(r)),
      'every room has a floor',
    ).toEqual([]);
    const upward: string[] = [];
    for (const file of files(core)) {
      const from = roomOf(file, core);
      for (const target of imports(file)) {
        if (!target.startsWith(core + path.sep)) continue;
        const to = roomOf(target.endsWith('.ts') ? target : `${target}.ts`, core);
        if (to !== from && (floorOf.get(to) ?? 0) > (floorOf.get(from) ?? 0))
          upward.push(`${path.relative(ROOT, file)} -> ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('ingest owns the lanes, their worker and the page tickets, a floor above the snapshot files', () => {
    const floorOf = new Map(FLOORS.flatMap((rooms, floor) => rooms.map((r) => [r, floor])));
    expect(floorOf.get('ingest') ?? 0).toBeGreaterThan(floorOf.get('snapshot') ?? 0);
    const ingest = path.join(ROOT, 'electron/core/ingest');
    for (const file of ['snapshot-lanes.ts', 'snapshot-lane-worker.ts', 'page-tickets.ts'])
      expect(fs.existsSync(path.join(ingest, file)), file).toBe(true);
    const snapshot = fs.readdirSync(path.join(ROOT, 'electron/core/snapshot'));
    expect(snapshot.filter((f) => /lane|ticket/.test(f))).toEqual([]);
  });

  it('inside shared/, the wire and matching are the ground, the domain above them, the contract on top', () => {
    // platform-wire.ts took the email-input rule from domain/, whose files import platform-wire.
    const SHARED_FLOORS = [['platform', 'matching'], ['domain'], ['ipc']];
    const floorOf = new Map(SHARED_FLOORS.flatMap((rooms, floor) => rooms.map((r) => [r, floor])));
    const shared = path.join(ROOT, 'shared');
    const upward: string[] = [];
    for (const file of files(shared)) {
      const from = roomOf(file, shared);
      for (const target of imports(file)) {
        const to = roomOf(target, shared);
        if (to !== from && (floorOf.get(to) ?? 0) > (floorOf.get(from) ?? 0))
          upward.push(`${path.relative(ROOT, file)} -> shared/${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("the renderer's stores and leaf helpers import no component or screen", () => {
    const src = path.join(ROOT, 'renderer/src');
    const bad: string[] = [];
    for (const room of ['stores', 'lib', 'api'])
      for (const file of files(path.join(src, room)))
        for (const target of imports(file)) {
          const to = roomOf(target, src);
          if (['components', 'screens', 'app'].includes(to))
            bad.push(`${path.relative(ROOT, file)} -> ${to}`);
        }
    expect(bad).toEqual([]);
  });

  it("no SQL over a snapshot's tables outside the snapshot room, and the handlers get no database", () => {
    const electronDir = path.join(ROOT, 'electron');
    const room = path.join(electronDir, 'core/snapshot') + path.sep;
    const found: string[] = [];
    for (const file of files(electronDir)) {
      if (file.startsWith(room)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of [
        /snapshotTables\(/,
        /\broster_(orgs|users|classes|enrollments|courses|sessions)\b/,
        /\bsnap_\d*/,
        /snapshot\/snapshot-files'/,
      ])
        if (pattern.test(text)) found.push(`${path.relative(ROOT, file)}: ${pattern.source}`);
    }
    expect(found).toEqual([]);
    const services = fs.readFileSync(path.join(electronDir, 'core/app/app-services.ts'), 'utf8');
    const contract = /export interface AppServices \{([\s\S]*?)\n\}/.exec(services)?.[1] ?? '';
    expect(contract).not.toMatch(/^\s*db\b/m);
  });
});
