/**
 * Lines between elements laid out by HTML/CSS: each end is an element with a `data-anchor`
 * attribute inside `root`. Positions are measured after every render and on resize, so the
 * wires follow the layout (fonts, wrapping, scrolling) instead of guessing it.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

export interface Wire {
  id: string;
  from: string;
  to: string;
  className?: string;
  /** auto: vertical or horizontal S-curve; arc: a bow above both ends (tunnels). */
  shape?: 'auto' | 'arc';
  /** Optional HTML label at the wire's middle (arcs: at the top of the bow). */
  label?: string;
  labelTestId?: string;
  testId?: string;
  /** Accessible description of what the wire means (also given in text elsewhere). */
  title?: string;
}

interface Drawn {
  id: string;
  d: string;
  lx: number;
  ly: number;
}

function find(root: HTMLElement, key: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-anchor="${CSS.escape(key)}"]`);
}

/** A rectangle relative to the root, in the root's own (unscaled) coordinates. */
function local(r: DOMRect, root: DOMRect, k: number): DOMRect {
  return new DOMRect((r.left - root.left) / k, (r.top - root.top) / k, r.width / k, r.height / k);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function path(a: DOMRect, b: DOMRect, shape: Wire['shape']): Omit<Drawn, 'id'> {
  const ax = r1(a.left + a.width / 2);
  const bx = r1(b.left + b.width / 2);
  if (shape === 'arc') {
    const ay = r1(a.top);
    const by = r1(b.top);
    const h = 22 + Math.abs(bx - ax) * 0.13;
    const top = r1(Math.min(ay, by) - h);
    return { d: `M ${ax},${ay} C ${ax},${top} ${bx},${top} ${bx},${by}`, lx: (ax + bx) / 2, ly: Math.min(ay, by) - h * 0.75 };
  }
  const ay = a.top + a.height / 2;
  const by = b.top + b.height / 2;
  if (Math.abs(by - ay) > Math.min(a.height, b.height) / 2) {
    // One above the other: from the bottom edge of the upper to the top edge of the lower.
    const [u, l, ux, lx] = ay < by ? [a, b, ax, bx] : [b, a, bx, ax];
    const y1 = r1(u.bottom);
    const y2 = r1(l.top);
    const m = r1((y1 + y2) / 2);
    return { d: `M ${ux},${y1} C ${ux},${m} ${lx},${m} ${lx},${y2}`, lx: (ux + lx) / 2, ly: m };
  }
  // Side by side: from the facing edges.
  const [le, ri] = ax < bx ? [a, b] : [b, a];
  const x1 = r1(le.right);
  const x2 = r1(ri.left);
  const y1 = r1(le.top + le.height / 2);
  const y2 = r1(ri.top + ri.height / 2);
  const m = r1((x1 + x2) / 2);
  return { d: `M ${x1},${y1} C ${m},${y1} ${m},${y2} ${x2},${y2}`, lx: m, ly: (y1 + y2) / 2 };
}

export function Wires({ root, wires }: { root: RefObject<HTMLElement | null>; wires: Wire[] }) {
  const [drawn, setDrawn] = useState<Drawn[]>([]);
  const [tick, setTick] = useState(0);

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    // An ancestor may scale the diagram (FitBox): measure in the root's own units.
    const k = el.offsetWidth ? r.width / el.offsetWidth : 1;
    const next: Drawn[] = [];
    for (const w of wires) {
      const a = find(el, w.from);
      const b = find(el, w.to);
      if (!a || !b) continue;
      const d = path(local(a.getBoundingClientRect(), r, k), local(b.getBoundingClientRect(), r, k), w.shape);
      next.push({ id: w.id, d: d.d, lx: Math.round(d.lx), ly: Math.round(d.ly) });
    }
    setDrawn((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, [root, wires, tick]);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setTick((t) => t + 1));
    ro.observe(el);
    for (const c of Array.from(el.children)) ro.observe(c);
    return () => ro.disconnect();
  }, [root, wires.length]);

  const byId = new Map(drawn.map((d) => [d.id, d]));
  return (
    <>
      <svg className="wires" aria-hidden="true">
        {wires.map((w) => {
          const d = byId.get(w.id);
          return d ? <path key={w.id} d={d.d} className={`wire ${w.className ?? ''}`} data-testid={w.testId} /> : null;
        })}
      </svg>
      {wires.map((w) => {
        const d = byId.get(w.id);
        if (!d || !w.label) return null;
        return (
          <div key={w.id} className={`wire-label ${w.className ?? ''}`} data-testid={w.labelTestId} title={w.title} style={{ transform: `translate(-50%, -50%) translate(${d.lx}px, ${d.ly}px)` }}>
            {w.label}
          </div>
        );
      })}
    </>
  );
}
