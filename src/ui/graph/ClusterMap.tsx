/**
 * Hundreds of nodes on one canvas: every tile (name, readiness, pod heatmap) is drawn in screen
 * space on each pan or zoom, culled to what is on screen, so a 1,000-node cluster costs one
 * element and ~10,000 rectangles per frame. ReactFlow still pans and zooms (an invisible node
 * reserves the grid); a click on a tile drills into it. The packet dot finds tiles and cells
 * through mapLocator (locate.ts).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';
import { useUi, type UiState } from '../store';
import { useT } from '../i18n';
import { currentStep } from './traceFocus';
import { activeWire } from './wire';
import { cellState, heatGeometry, type CellState } from './scale';
import { CELL_ALPHA, cellColours } from './Heatmap';
import { hollowRuns, MAP, type MapLayout, type MapTile } from './tileLayout';
import { setMapLocator } from './mapLocator';
import { toggleExpanded, useGraph } from './graphState';
import { moveCursor } from './mapKeys';
import { tileLabel } from './tileLabel';
import { select } from '../actions';

/** Theme variables, read once per theme (getComputedStyle on every pan frame would force a style recalculation). */
const vars = new Map<string, string>();
let varsTheme = '';

function themeVar(el: Element, theme: string, name: string): string {
  if (varsTheme !== theme) {
    vars.clear();
    varsTheme = theme;
  }
  let value = vars.get(name);
  if (value === undefined) {
    value = getComputedStyle(el).getPropertyValue(name).trim() || (name === 'font-family' ? 'sans-serif' : '#888');
    vars.set(name, value);
  }
  return value;
}

/** What the map highlights, as one string so the selector stays stable between steps that change nothing here. */
function marksOf(s: UiState): string {
  const step = currentStep(s);
  const stepNode = step?.at.kind === 'node' ? step.at.id : '';
  const stepPod = step?.at.kind === 'pod' ? step.at.id : '';
  const sel = s.view.selected;
  return [stepNode, stepPod, s.trace ? (s.view.trace?.from ?? '') : '', s.trace ? (s.view.trace?.to ?? '') : '', sel?.kind === 'node' ? sel.id : '', sel?.kind === 'pod' ? sel.id : '', activeWire(s)].join('\u0001');
}

/** "Cluster map: 5,000 nodes (4,990 of them hollow) and 150,000 pods …". */
function mapLabel(t: ReturnType<typeof useT>, layout: MapLayout): string {
  let pods = 0;
  let hollow = 0;
  for (const tile of layout.tiles) {
    pods += tile.count;
    if (tile.node?.hollow) hollow++;
  }
  const nodes = layout.tiles.length;
  return hollow ? t('hollow.mapLabel', { nodes, hollow, pods }) : t('graph.tiles.mapLabel', { nodes, pods });
}

/** The tile under a point in flow coordinates. */
export function mapTileAt(m: MapLayout, x: number, y: number): MapTile | undefined {
  if (!m.tiles.length) return undefined;
  const top = m.tiles[0].y;
  const col = Math.floor(x / (MAP.w + MAP.gap));
  const row = Math.floor((y - top) / (m.tileH + MAP.gap));
  if (col < 0 || col >= m.cols || row < 0) return undefined;
  const t = m.tiles[row * m.cols + col];
  return t && x - t.x <= MAP.w && y - t.y <= m.tileH ? t : undefined;
}

/** Cells from..to (exclusive) of a grid as at most three rectangles: the partial first row, the whole rows, the partial last row. */
function runBlocks(path: Path2D, from: number, to: number, cols: number, pitch: number, size: number, x: number, y: number): void {
  const gap = pitch - size;
  let i = from;
  while (i < to) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    // Whole rows from here on, as one block.
    if (col === 0 && to - i >= cols) {
      const rows = Math.floor((to - i) / cols);
      path.rect(x, y + row * pitch, cols * pitch - gap, rows * pitch - gap);
      i += rows * cols;
      continue;
    }
    const n = Math.min(cols - col, to - i);
    path.rect(x + col * pitch, y + row * pitch, n * pitch - gap, size);
    i += n;
  }
}

/** A click on a tile, or Enter on the keyboard cursor: the node in the inspector, its pods drawn as cards. */
export function openTile(tile: MapTile): void {
  useGraph.setState({ cursor: tile.key });
  if (tile.node) select('node', tile.node.name);
  if (tile.pods.length) toggleExpanded(tile.key);
}

/** Colour-blind-safe paint colours, as the pod cards' rings (reach.css). */
const PAINT = { ok: '#0072b2', blocked: '#d55e00', changed: '#e69f00' };

function cellOrigin(t: MapTile, m: MapLayout, i: number): { x: number; y: number; size: number } {
  const g = heatGeometry(t.count, m.heatH, MAP.heatW);
  const size = g.pitch > 2 ? g.pitch - 1 : g.pitch;
  return { x: t.x + MAP.pad + (i % g.cols) * g.pitch, y: t.y + MAP.head + MAP.pad + Math.floor(i / g.cols) * g.pitch, size };
}

export function ClusterMap({ layout }: { layout: MapLayout }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const [vx, vy, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const theme = useUi((s) => s.theme);
  const marks = useUi(marksOf);
  const paint = useUi((s) => s.reachPaint);
  const cursor = useGraph((s) => s.cursor);
  const [focused, setFocused] = useState(false);
  const flow = useReactFlow();
  // Pod id → its tile and cell; node name → tile.
  const index = useMemo(() => {
    const pods = new Map<string, { tile: MapTile; i: number }>();
    const nodes = new Map<string, MapTile>();
    for (const tile of layout.tiles) {
      nodes.set(tile.key, tile);
      tile.pods.forEach((p, i) => pods.set(p.id, { tile, i }));
    }
    return { pods, nodes };
  }, [layout]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !width || !height) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const v = (name: string) => themeVar(canvas, theme, name);
    const colour = cellColours(canvas, theme);
    const [stepNode, stepPod, from, to, selNode, selPod, wire] = marks.split('\u0001');
    ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * vx, dpr * vy);
    // Visible flow rectangle: tiles outside it are skipped.
    const x0 = -vx / zoom;
    const y0 = -vy / zoom;
    const x1 = x0 + width / zoom;
    const y1 = y0 + height / zoom;
    const names = zoom * 11 >= 6;
    ctx.font = `600 11px ${v('font-family')}`;
    ctx.textBaseline = 'middle';
    const text = v('--text-strong');
    const muted = v('--muted');
    // One path per kind of outline and per cell colour, each filled or stroked once: 5,000 tiles
    // and 150,000 cells are then a handful of canvas calls instead of one (with a state change) each.
    const frames = new Path2D();
    const hollowFrames = new Path2D();
    const notReady = new Path2D();
    const cells = new Map<string, Path2D>();
    const cellPath = (key: string): Path2D => {
      let p = cells.get(key);
      if (!p) cells.set(key, (p = new Path2D()));
      return p;
    };
    const bars: [string, number, number][] = [];
    const labels: [string, number, number, boolean][] = [];
    // Zoomed far out (thousands of tiles a few pixels wide) outlines are noise: a machine's tile is
    // filled, a hollow node's is not (as its DOM tile), and only a NotReady node keeps its red frame.
    const far = MAP.w * zoom < 32;
    ctx.fillStyle = v('--panel-2');
    for (const tile of layout.tiles) {
      if (tile.x > x1 || tile.y > y1 || tile.x + MAP.w < x0 || tile.y + layout.tileH < y0) continue;
      const n = tile.node;
      if (!n?.hollow) ctx.fillRect(tile.x, tile.y, MAP.w, layout.tileH);
      if (n && !n.ready) notReady.rect(tile.x, tile.y, MAP.w, layout.tileH);
      else if (!far) (n?.hollow ? hollowFrames : frames).rect(tile.x, tile.y, MAP.w, layout.tileH);
      bars.push([n?.role === 'control-plane' ? '--cp' : n?.hollow ? '--muted' : n ? '--accent' : '', tile.x, tile.y]);
      if (names) labels.push([`${n?.hollow ? '□ ' : ''}${n ? n.name : t('graph.notScheduled')}${n && !n.ready ? ' ✕' : ''}  ${tile.count}`, tile.x, tile.y, !!n?.hollow]);
      const g = heatGeometry(tile.count, layout.heatH, MAP.heatW);
      const size = g.pitch > 2 ? g.pitch - 1 : g.pitch;
      const cx = tile.x + MAP.pad;
      const cy = tile.y + MAP.head + MAP.pad;
      if (n?.hollow) {
        // Counted, not listed: contiguous runs of one state, as blocks when the cells are too small
        // to tell apart, else as outlined ("hollow") cells.
        const blocks = g.pitch * zoom < 5;
        for (const r of hollowRuns(tile.hollow ?? n.hollow)) {
          const path = cellPath(`${blocks ? 'hb' : 'hs'}:${r.state}`);
          const to = Math.min(r.to, g.shown);
          if (blocks) runBlocks(path, r.from, to, g.cols, g.pitch, size, cx, cy);
          else for (let i = r.from; i < to; i++) path.rect(cx + (i % g.cols) * g.pitch, cy + Math.floor(i / g.cols) * g.pitch, size, size);
        }
        continue;
      }
      for (let i = 0; i < g.shown; i++) cellPath(cellState(tile.pods[i])).rect(cx + (i % g.cols) * g.pitch, cy + Math.floor(i / g.cols) * g.pitch, size, size);
    }
    ctx.lineWidth = 1 / zoom;
    ctx.strokeStyle = v('--border-strong');
    ctx.stroke(frames);
    ctx.strokeStyle = colour.failed;
    ctx.stroke(notReady);
    ctx.strokeStyle = muted;
    ctx.setLineDash([4 / zoom, 3 / zoom]);
    ctx.stroke(hollowFrames);
    ctx.setLineDash([]);
    for (const [bar, x, y] of bars) {
      ctx.fillStyle = bar ? v(bar) : colour.pending;
      ctx.fillRect(x, y, MAP.w, 2);
    }
    for (const [key, path] of cells) {
      const [kind, st] = key.includes(':') ? (key.split(':') as [string, CellState]) : ['', key as CellState];
      ctx.globalAlpha = CELL_ALPHA[st];
      if (kind === 'hs') {
        // A hollow node's pods are fakes: their cells are outlines.
        ctx.strokeStyle = colour[st];
        ctx.lineWidth = 1.5 / zoom;
        ctx.stroke(path);
      } else {
        ctx.fillStyle = colour[st];
        ctx.fill(path);
      }
    }
    ctx.globalAlpha = 1;
    for (const [label, x, y, hollow] of labels) {
      ctx.fillStyle = hollow ? muted : text;
      ctx.fillText(label, x + MAP.pad, y + MAP.head / 2 + 1, MAP.w - MAP.pad * 2);
    }
    // Highlights: the node the packet is on, the selected node, the traced pods, the tunnel in use.
    const ring = (tile: MapTile | undefined, c: string, w: number) => {
      if (!tile) return;
      ctx.strokeStyle = c;
      ctx.lineWidth = w / zoom;
      ctx.strokeRect(tile.x - 1, tile.y - 1, MAP.w + 2, layout.tileH + 2);
    };
    // `out`: screen pixels outside the cell, so two rings on one cell both show.
    const cellRing = (id: string, c: string, w: number, out = 0) => {
      const at = index.pods.get(id);
      if (!at) return;
      const o = cellOrigin(at.tile, layout, at.i);
      const d = 1 + out / zoom;
      ctx.strokeStyle = c;
      ctx.lineWidth = w / zoom;
      ctx.strokeRect(o.x - d, o.y - d, o.size + 2 * d, o.size + 2 * d);
    };
    ring(index.nodes.get(selNode), v('--accent'), 2);
    ring(index.nodes.get(stepNode), v('--info'), 3);
    if (wire) {
      const [a, b] = wire.split('|').map((k) => index.nodes.get(k));
      if (a && b) {
        ctx.strokeStyle = v('--info');
        ctx.lineWidth = 2 / zoom;
        ctx.setLineDash([6 / zoom, 4 / zoom]);
        ctx.beginPath();
        ctx.moveTo(a.x + MAP.w / 2, a.y);
        ctx.lineTo(b.x + MAP.w / 2, b.y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    // A painted reachability row: each target pod's verdict as a ring, the source dashed.
    if (paint) {
      for (const [id, p] of Object.entries(paint.pods)) {
        cellRing(id, p.ok ? PAINT.ok : PAINT.blocked, 2.5);
        if (p.changed) {
          ctx.setLineDash([3 / zoom, 2 / zoom]);
          cellRing(id, PAINT.changed, 1.5, 3);
          ctx.setLineDash([]);
        }
      }
      ctx.setLineDash([3 / zoom, 2 / zoom]);
      cellRing(paint.source, v('--accent'), 2);
      ctx.setLineDash([]);
    }
    cellRing(from, v('--info'), 2);
    cellRing(to, v('--info'), 2);
    cellRing(selPod, v('--accent'), 2);
    cellRing(stepPod, v('--highlight'), 3);
    // The keyboard cursor, drawn only while the map has the focus (a mouse user never sees it).
    if (focused && cursor) {
      const tile = index.nodes.get(cursor);
      if (tile) {
        ctx.strokeStyle = v('--accent');
        ctx.lineWidth = 3 / zoom;
        ctx.setLineDash([]);
        ctx.strokeRect(tile.x - 4 / zoom, tile.y - 4 / zoom, MAP.w + 8 / zoom, layout.tileH + 8 / zoom);
      }
    }
  }, [layout, index, vx, vy, zoom, width, height, theme, marks, t, paint, cursor, focused]);

  // Arrow keys move the cursor over the tiles, scrolling the map to keep it in view; Enter opens it.
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const tiles = layout.tiles;
    if (!tiles.length) return;
    const at = cursor ? tiles.findIndex((x) => x.key === cursor) : -1;
    if ((e.key === 'Enter' || e.key === ' ') && at >= 0) {
      e.preventDefault();
      openTile(tiles[at]);
      return;
    }
    const pageRows = Math.max(1, Math.floor(height / zoom / (layout.tileH + MAP.gap)) - 1);
    const moved = moveCursor(layout, Math.max(at, 0), e.key, e.ctrlKey || e.metaKey, pageRows);
    if (moved === undefined) return;
    e.preventDefault();
    // No cursor yet: any move key starts it on the first tile.
    const tile = tiles[at < 0 ? 0 : moved];
    useGraph.setState({ cursor: tile.key });
    // Off screen (below the toolbar's 76 px, inside the canvas): centre it, at the same zoom.
    const sx = tile.x * zoom + vx;
    const sy = tile.y * zoom + vy;
    if (sx < 0 || sy < 76 || sx + MAP.w * zoom > width || sy + layout.tileH * zoom > height) {
      void flow.setCenter(tile.x + MAP.w / 2, tile.y + layout.tileH / 2, { zoom });
    }
  };
  const current = focused && cursor ? index.nodes.get(cursor) : undefined;

  // Where the packet dot goes on the map: a pod's cell, or a node's tile, in container pixels.
  useEffect(() => {
    setMapLocator((node, pod) => {
      const at = pod ? index.pods.get(pod) : undefined;
      if (at) {
        const o = cellOrigin(at.tile, layout, at.i);
        return { x: (o.x + o.size / 2) * zoom + vx, y: (o.y + o.size / 2) * zoom + vy };
      }
      const tile = node ? index.nodes.get(node) : undefined;
      return tile ? { x: (tile.x + MAP.w / 2) * zoom + vx, y: (tile.y + MAP.head / 2) * zoom + vy } : undefined;
    });
    return () => setMapLocator(undefined);
  }, [index, layout, vx, vy, zoom]);

  return (
    <>
      <canvas
        ref={ref}
        className="cluster-map"
        data-testid="cluster-map"
        data-cursor={current?.key}
        role="application"
        aria-roledescription={t('graph.tiles.mapRole')}
        aria-label={`${mapLabel(t, layout)}. ${t('graph.tiles.mapKeys')}`}
        tabIndex={0}
        style={{ width, height }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setFocused(true);
          // The first focus starts at the selected node's tile, else the first tile.
          if (!cursor || !index.nodes.has(cursor)) {
            const sel = useUi.getState().view.selected;
            const start = sel?.kind === 'node' && index.nodes.has(sel.id) ? sel.id : layout.tiles[0]?.key;
            if (start) useGraph.setState({ cursor: start });
          }
        }}
        onBlur={() => setFocused(false)}
      />
      <div className="sr-only" aria-live="polite" data-testid="cluster-map-cursor">
        {current ? tileLabel(t, current.node, current.hollow, current.pods, paint) : ''}
      </div>
    </>
  );
}
