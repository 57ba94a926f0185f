import { describe, expect, it } from 'vitest';
import { darkRuns } from './qr-runs';

describe('QR code runs', () => {
  it('joins neighbouring dark modules of a row into one run, and keeps rows apart', () => {
    const grid = ['##.#', '....', '####', '.#.#'];
    expect(darkRuns(4, (row, col) => grid[row][col] === '#')).toEqual([
      { x: 0, y: 0, w: 2 },
      { x: 3, y: 0, w: 1 },
      { x: 0, y: 2, w: 4 },
      { x: 1, y: 3, w: 1 },
      { x: 3, y: 3, w: 1 },
    ]);
  });
});
