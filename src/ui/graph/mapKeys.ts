/**
 * The cluster map's keyboard: the canvas is one focusable element, and a cursor moves over its
 * tiles as over a grid (arrows, Home/End for the row, Ctrl+Home/End for the map, Page keys by
 * a screenful of rows). Enter opens the tile as a click does. Pure, so it is tested without a DOM.
 */
import type { MapLayout } from './tileLayout';

/** The tile index a key moves the cursor to, or undefined when the key is not the map's. */
export function moveCursor(m: MapLayout, at: number, key: string, ctrl: boolean, pageRows: number): number | undefined {
  const n = m.tiles.length;
  if (!n) return undefined;
  const cols = m.cols;
  const col = at % cols;
  const rowStart = at - col;
  const clamp = (i: number) => Math.max(0, Math.min(n - 1, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(at + 1);
    case 'ArrowLeft':
      return clamp(at - 1);
    // Down from the last full row into a shorter last row lands on its last tile, as grids do.
    case 'ArrowDown':
      return at + cols < n ? at + cols : rowStart + cols < n ? n - 1 : at;
    case 'ArrowUp':
      return at - cols >= 0 ? at - cols : at;
    case 'Home':
      return ctrl ? 0 : rowStart;
    case 'End':
      return ctrl ? n - 1 : Math.min(n - 1, rowStart + cols - 1);
    case 'PageDown': {
      const to = at + Math.max(1, pageRows) * cols;
      return to < n ? to : Math.floor((n - 1 - col) / cols) * cols + col;
    }
    case 'PageUp': {
      const to = at - Math.max(1, pageRows) * cols;
      return to >= 0 ? to : col;
    }
    default:
      return undefined;
  }
}
