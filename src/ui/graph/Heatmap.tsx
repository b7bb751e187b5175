/**
 * A node's pods as one canvas, one cell per pod, coloured by state: hundreds of pods cost one
 * element. The pods a trace or the inspector is about get a DOM marker on top (what the packet
 * dot travels to, and what tests and screen readers find). Hover names a cell; a click selects it.
 */
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { PodCounts, PodView } from '../../engine/sim/snapshot';
import { useUi } from '../store';
import { select } from '../actions';
import { cellAt, cellCenter, cellStates, CELL_STATES, heatGeometry, HEAT_W, type CellState } from './scale';
import { currentStep } from './traceFocus';
import { hollowRuns } from './tileLayout';

/** A hollow node's cell states from its counts (its pods are not listed one by one). */
const hollowStates = new WeakMap<PodCounts, CellState[]>();

function statesOfHollow(h: PodCounts): CellState[] {
  let v = hollowStates.get(h);
  if (!v) {
    v = [];
    for (const r of hollowRuns(h)) for (let i = r.from; i < r.to; i++) v.push(r.state);
    hollowStates.set(h, v);
  }
  return v;
}

/** Theme variables the cell colours come from (so light and dark theme both work). */
const VAR: Record<CellState, [string, number]> = {
  running: ['--ok', 1],
  notready: ['--ok', 0.45],
  pending: ['--warn', 1],
  failed: ['--bad', 1],
  terminating: ['--muted', 0.8],
  succeeded: ['--info', 1],
  unknown: ['--border-strong', 1],
};

export const CELL_ALPHA = Object.fromEntries(Object.entries(VAR).map(([k, [, a]]) => [k, a])) as Record<CellState, number>;

/** Cell colours from the theme, read once per theme: getComputedStyle forces a style recalculation, per tile that adds up. */
let palette: { theme: string; colour: Record<CellState, string> } | undefined;

export function cellColours(el: Element, theme: string): Record<CellState, string> {
  if (palette?.theme !== theme) {
    const css = getComputedStyle(el);
    palette = { theme, colour: Object.fromEntries(Object.entries(VAR).map(([k, [v]]) => [k, css.getPropertyValue(v).trim() || '#888'])) as Record<CellState, string> };
  }
  return palette.colour;
}

/** The cell colours as pixels of a Uint32Array over RGBA bytes (alpha applied), found by painting each onto one pixel: the theme's variables may use any CSS colour syntax. */
let words: { colour: Record<CellState, string>; word: Record<CellState, number> } | undefined;

function cellWords(colour: Record<CellState, string>): Record<CellState, number> {
  if (words?.colour === colour) return words.word;
  const px = document.createElement('canvas');
  px.width = px.height = 1;
  const ctx = px.getContext('2d', { willReadFrequently: true })!;
  const word = {} as Record<CellState, number>;
  for (const st of CELL_STATES) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.globalAlpha = VAR[st][1];
    ctx.fillStyle = colour[st];
    ctx.fillRect(0, 0, 1, 1);
    // The pixel's four bytes read as one word in the machine's byte order, as the draw writes them.
    word[st] = new Uint32Array(ctx.getImageData(0, 0, 1, 1).data.slice().buffer)[0];
  }
  words = { colour, word };
  return word;
}

/** Reads the theme's cell colours and their pixels ahead of the first heatmap (called while the page is idle). */
export function warmCellColours(el: Element, theme: string): void {
  cellWords(cellColours(el, theme));
}

/**
 * Writes the cells' pixels and puts them in one call: thousands of fillRect calls were a long
 * part of the update that brings a big cluster's pods, a pixel buffer is a few milliseconds.
 */
function draw(canvas: HTMLCanvasElement, states: CellState[], height: number, theme: string, outline = false): void {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const w = (canvas.width = Math.round(HEAT_W * dpr));
  const h = (canvas.height = Math.round(height * dpr));
  const ctx = canvas.getContext('2d');
  if (!ctx || w === 0 || h === 0) return;
  const word = cellWords(cellColours(canvas, theme));
  const g = heatGeometry(states.length, height);
  const size = g.pitch > 2 ? g.pitch - 1 : g.pitch;
  const img = ctx.createImageData(w, h);
  const px = new Uint32Array(img.data.buffer);
  // Pixel edges of each column and row of cells (the same for every cell in them).
  const x0 = new Int32Array(g.cols), x1 = new Int32Array(g.cols);
  for (let c = 0; c < g.cols; c++) {
    x0[c] = Math.round(c * g.pitch * dpr);
    x1[c] = Math.min(w, Math.round((c * g.pitch + size) * dpr));
  }
  for (let i = 0; i < g.shown; i++) {
    const c = i % g.cols;
    const y = ((i - c) / g.cols) * g.pitch;
    const y1 = Math.min(h, Math.round((y + size) * dpr));
    const v = word[states[i]];
    const top = Math.round(y * dpr);
    // A hollow node's cells as outlines (its pods are fakes), where a cell is big enough to show one.
    const ring = outline && y1 - top >= 5 && x1[c] - x0[c] >= 5;
    for (let yy = top; yy < y1; yy++) {
      const from = yy * w + x0[c];
      const to = yy * w + x1[c];
      if (ring && yy > top + 1 && yy < y1 - 2) {
        px[from] = px[from + 1] = px[to - 1] = px[to - 2] = v;
        continue;
      }
      // A one-pixel cell (thousands of pods) is one store; a call to fill() costs more.
      if (to - from === 1) px[from] = v;
      else px.fill(v, from, to);
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** "id|role role" for each pod of this heatmap the trace or the selection is about, joined by ";" (a string keeps the selector stable). */
function marksOf(index: () => Map<string, number>) {
  return (s: Parameters<typeof currentStep>[0]): string => {
    const out = new Map<string, string[]>();
    const add = (id: string | undefined, role: string) => {
      if (id && index().has(id)) out.set(id, [...(out.get(id) ?? []), role]);
    };
    const step = currentStep(s);
    if (step?.at.kind === 'pod') add(step.at.id, 'here');
    if (s.trace && s.view.trace) {
      add(s.view.trace.from, 'src');
      add(s.view.trace.to, 'dst');
    }
    if (s.view.selected?.kind === 'pod') add(s.view.selected.id, 'selected');
    // A painted reachability row (at most a matrix's 40 pods): each target's verdict, and the source.
    const paint = s.reachPaint;
    if (paint) {
      for (const [id, v] of Object.entries(paint.pods)) add(id, `paint-${v.ok ? 'ok' : 'blocked'}${v.changed ? ' paint-changed' : ''}`);
      add(paint.source, 'paint-source');
    }
    return [...out].map(([id, roles]) => `${id}|${roles.join(' ')}`).join(';');
  };
}

/** `hollow`: a Kubemark hollow node's counts as shown, drawn instead of `pods` (there is no pod to name or select). */
export const Heatmap = memo(function Heatmap({ pods, height, label, hollow }: { pods: PodView[]; height: number; label: string; hollow?: PodCounts }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useUi((s) => s.theme);
  // Built on the first look-up: only a trace or a selection asks, and a tile may hold thousands of pods.
  const index = useMemo(() => {
    let m: Map<string, number> | undefined;
    return () => (m ??= new Map(pods.map((p, i) => [p.id, i])));
  }, [pods]);
  const selectMarks = useMemo(() => marksOf(index), [index]);
  const marks = useUi(selectMarks);
  const states = hollow ? statesOfHollow(hollow) : cellStates(pods);
  const g = heatGeometry(states.length, height);

  useEffect(() => {
    if (ref.current) draw(ref.current, states, height, theme, !!hollow);
  }, [states, height, theme, hollow]);

  const podAt = (e: MouseEvent<HTMLCanvasElement>): PodView | undefined => {
    if (hollow) return undefined;
    const r = e.currentTarget.getBoundingClientRect();
    // The canvas is scaled with the graph's zoom: back to heatmap pixels.
    const k = r.width / HEAT_W;
    const i = cellAt(g, (e.clientX - r.left) / k, (e.clientY - r.top) / k);
    return i >= 0 ? pods[i] : undefined;
  };
  const size = g.pitch > 2 ? g.pitch - 1 : g.pitch;

  return (
    <div className={hollow ? 'heat hollow' : 'heat'} style={{ width: HEAT_W, height }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        style={{ width: HEAT_W, height }}
        onMouseMove={(e) => {
          const p = podAt(e);
          e.currentTarget.title = p ? `${p.namespace}/${p.name} · ${p.ip ?? '—'} · ${p.status || p.phase}` : '';
        }}
        onClick={(e) => {
          const p = podAt(e);
          if (!p) return;
          e.stopPropagation();
          select('pod', p.id);
        }}
      />
      {marks.split(';').filter(Boolean).map((m) => {
        const [id, roles] = m.split('|');
        const i = index().get(id) ?? -1;
        if (i < 0 || i >= g.shown) return null;
        const c = cellCenter(g, i);
        const name = id.slice(id.indexOf('/') + 1);
        const box = Math.max(size, 6);
        return <span key={id} className={`cell-mark ${roles}`} data-testid={`cell-${name}`} data-paint={/paint-(ok|blocked)/.exec(roles)?.[1]} title={id} style={{ left: c.x - box / 2, top: c.y - box / 2, width: box, height: box }} />;
      })}
    </div>
  );
});
