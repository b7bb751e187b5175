import { describe, expect, it } from 'vitest';
import { moveCursor } from './mapKeys';
import type { MapLayout, MapTile } from './tileLayout';

// 10 tiles in 4 columns: rows 0-3, 4-7, 8-9.
const map = { tiles: Array.from({ length: 10 }, (_, i) => ({ key: `n${i}` }) as MapTile), cols: 4, heatH: 8, tileH: 30 } as MapLayout;
const go = (at: number, key: string, ctrl = false, page = 2) => moveCursor(map, at, key, ctrl, page);

describe('the cluster map keyboard cursor', () => {
  it('moves along rows and columns and stops at the edges', () => {
    expect(go(0, 'ArrowRight')).toBe(1);
    expect(go(3, 'ArrowRight')).toBe(4);
    expect(go(9, 'ArrowRight')).toBe(9);
    expect(go(0, 'ArrowLeft')).toBe(0);
    expect(go(1, 'ArrowDown')).toBe(5);
    expect(go(1, 'ArrowUp')).toBe(1);
    expect(go(5, 'ArrowUp')).toBe(1);
  });

  it('goes down from a full row into the short last row onto its last tile', () => {
    expect(go(7, 'ArrowDown')).toBe(9);
    expect(go(5, 'ArrowDown')).toBe(9);
    expect(go(4, 'ArrowDown')).toBe(8);
    expect(go(9, 'ArrowDown')).toBe(9);
  });

  it('Home/End keep to the row, with Ctrl to the whole map; Page keys jump a screenful of rows', () => {
    expect(go(6, 'Home')).toBe(4);
    expect(go(6, 'End')).toBe(7);
    expect(go(8, 'End')).toBe(9);
    expect(go(6, 'Home', true)).toBe(0);
    expect(go(2, 'End', true)).toBe(9);
    expect(go(1, 'PageDown')).toBe(9);
    expect(go(3, 'PageDown')).toBe(7);
    expect(go(0, 'PageDown', false, 1)).toBe(4);
    expect(go(9, 'PageUp')).toBe(1);
    expect(go(5, 'PageUp')).toBe(1);
  });

  it('leaves other keys to the page', () => {
    expect(go(0, 'Tab')).toBeUndefined();
    expect(go(0, 'a')).toBeUndefined();
    expect(moveCursor({ ...map, tiles: [] }, 0, 'ArrowRight', false, 1)).toBeUndefined();
  });
});
