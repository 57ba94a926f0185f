import { create } from 'qrcode';

/** A horizontal run of dark modules: `w` modules from column `x` in row `y`. */
export interface DarkRun {
  x: number;
  y: number;
  w: number;
}

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  size: number;
  runs: DarkRun[];
}

/**
 * The QR code of `text` as runs of dark modules, to draw as SVG rectangles: no canvas, no data: image and no inline
 * markup, so it passes the strict Content-Security-Policy. Runs instead of one rectangle per module keep the DOM
 * small (a few hundred nodes for an otpauth URI).
 */
export function qrDrawing(text: string): QrDrawing {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, runs: darkRuns(modules.size, (row, col) => modules.get(row, col) !== 0) };
}

export function darkRuns(size: number, dark: (row: number, col: number) => boolean): DarkRun[] {
  const runs: DarkRun[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!dark(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && dark(y, x)) x++;
      runs.push({ x: start, y, w: x - start });
    }
  }
  return runs;
}
