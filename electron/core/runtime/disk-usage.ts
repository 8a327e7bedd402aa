import fs from 'node:fs';
import path from 'node:path';

/** Bytes under `target` (a file, or a folder walked whole); 0 when it does not exist. */
function bytesOf(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of fs.readdirSync(target)) total += bytesOf(path.join(target, entry));
  return total;
}

/** What the data folder holds on disk, by part (Settings shows it). */
export function diskUsage(dataDir: string): {
  total: number;
  parts: { name: string; bytes: number }[];
} {
  const parts = [
    {
      name: 'Cache (rosterdesk.db, its journal)',
      bytes: ['rosterdesk.db', 'rosterdesk.db-wal', 'rosterdesk.db-shm', 'changes-journal.ndjson']
        .map((f) => bytesOf(path.join(dataDir, f)))
        .reduce((a, b) => a + b, 0),
    },
    { name: 'Roster snapshots', bytes: bytesOf(path.join(dataDir, 'snapshots')) },
    { name: 'Backups', bytes: bytesOf(path.join(dataDir, 'backups')) },
    { name: 'Uploaded exports', bytes: bytesOf(path.join(dataDir, 'imports')) },
    { name: 'Logs', bytes: bytesOf(path.join(dataDir, 'logs')) },
  ];
  return { total: parts.reduce((a, p) => a + p.bytes, 0), parts };
}
