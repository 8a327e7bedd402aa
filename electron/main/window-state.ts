import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../core/db/private-files';

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 960, height: 600 };

/**
 * Where the window opens: where it was last, shrunk to fit and moved onto a display that still
 * exists (a laptop undocked from its second screen must not open the window off-screen).
 * Without a saved state, or when no display shows enough of it, the default size, centred.
 */
export function placeWindow(
  saved: WindowState | null,
  displays: Area[],
): { bounds: Partial<Area> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const area = displays.find((d) => overlap(d, saved) >= 0.25 * saved.width * saved.height);
  if (!area) return { bounds: { ...DEFAULT_SIZE }, maximized: saved.maximized };
  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, area.height));
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

function overlap(a: Area, b: Area): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** `<data dir>/window.json`: the window's last place; unreadable means none. */
export function readWindowState(dataDir: string): WindowState | null {
  try {
    return windowStateSchema.parse(
      JSON.parse(fs.readFileSync(path.join(dataDir, 'window.json'), 'utf8')),
    );
  } catch {
    return null;
  }
}

export function writeWindowState(dataDir: string, state: WindowState): void {
  writePrivateFile(path.join(dataDir, 'window.json'), `${JSON.stringify(state)}\n`);
}
