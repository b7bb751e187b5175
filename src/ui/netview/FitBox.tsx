/**
 * Shows a diagram whole when it can: scales its content down (never below `min`) to fit the
 * box, and scrolls beyond that. The content keeps its natural layout; only a transform changes.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  min?: number;
  className?: string;
  testId?: string;
  /** When it changes, the smallest highlighted element (.trace-here) is scrolled into view. */
  focusKey?: string;
}

export function FitBox({ children, min = 0.75, className = '', testId, focusKey }: Props) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState({ s: 1, w: 0, h: 0 });

  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const measure = () => {
      const w = i.offsetWidth;
      const h = i.offsetHeight;
      if (!w || !h) return;
      const s = Math.max(min, Math.min(1, (o.clientWidth - 2) / w, (o.clientHeight - 2) / h));
      const r = Math.floor(s * 100) / 100;
      setFit((p) => (p.s === r && p.w === w && p.h === h ? p : { s: r, w, h }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(o);
    ro.observe(i);
    return () => ro.disconnect();
  }, [min]);

  useEffect(() => {
    const o = outer.current;
    if (!o || !focusKey) return;
    const marks = Array.from(o.querySelectorAll<HTMLElement>('.trace-here'));
    const area = (e: HTMLElement) => e.offsetWidth * e.offsetHeight;
    const el = marks.sort((a, b) => area(a) - area(b))[0];
    if (!el) return;
    const r = el.getBoundingClientRect();
    const c = o.getBoundingClientRect();
    if (r.top < c.top || r.bottom > c.bottom) o.scrollTop += r.top - c.top - (c.height - r.height) / 2;
    if (r.left < c.left || r.right > c.right) o.scrollLeft += r.left - c.left - (c.width - r.width) / 2;
  }, [focusKey, fit]);

  return (
    <div ref={outer} className={`fit-outer ${className}`} data-testid={testId} data-scale={fit.s}>
      <div className="fit-size" style={{ width: fit.w ? fit.w * fit.s : undefined, height: fit.h ? fit.h * fit.s : undefined }}>
        <div ref={inner} className="fit-inner" style={{ transform: fit.s === 1 ? undefined : `scale(${fit.s})` }}>
          {children}
        </div>
      </div>
    </div>
  );
}
