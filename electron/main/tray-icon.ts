import type { TrayTone } from './tray-menu';

/** The badge colour of each state, as [r, g, b]: grey, green, blue, red (the console's own). */
export const TONE_COLOURS: Record<TrayTone, [number, number, number]> = {
  none: [0x86, 0x8e, 0x96],
  ok: [0x2b, 0x8a, 0x3e],
  running: [0x18, 0x64, 0xab],
  problem: [0xc9, 0x2a, 0x2a],
};

/**
 * The tray icon as raw BGRA pixels (what nativeImage.createFromBitmap takes): a round badge in the
 * state's colour with a white ring, anti-aliased at its edge, drawn here so no image file has to
 * be found inside the asar at run time.
 */
export function trayIconBitmap(tone: TrayTone, size: number): Buffer {
  const [r, g, b] = TONE_COLOURS[tone];
  const pixels = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  const ring = Math.max(1, size / 10);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, outer - d + 0.5));
      if (alpha === 0) continue;
      const white = d > outer - ring;
      const i = (y * size + x) * 4;
      pixels[i] = white ? 255 : b;
      pixels[i + 1] = white ? 255 : g;
      pixels[i + 2] = white ? 255 : r;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}
