import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * The folder of numbered SQL migrations. In the source tree it sits beside this file; the
 * Electron build copies it next to the bundled main script (see electron.vite.config.ts).
 */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

/** Reads NNN_name.sql files in order; numbering must start at 1 with no gap or repeat. */
export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match?.[1] || !match[2]) {
      throw new Error(`Migration file ${file} is not named NNN_name.sql`);
    }
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(match[1]),
      name: match[2],
      sql,
      // Line endings normalised: a Windows checkout (CRLF) is the same migration.
      checksum: crypto
        .createHash('sha256')
        .update(sql.replace(/\r\n/g, '\n'))
        .digest('hex')
        .slice(0, 16),
    };
  });
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 001, 002, … without gaps; found ${m.version} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}
