/**
 * The capture log as a list: one row per frame, coloured by layer (L2 ARP, L3 ICMP / IP-in-IP,
 * L4 TCP / UDP / DNS, VXLAN and IP-in-IP with their inner packet on a second line). Only the
 * rows in view are rendered; the list keeps to the newest frame while it is scrolled to the end.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CaptureHeaders, CaptureRow } from '../../engine/sim/captureView';
import { useT } from '../i18n';
import { offsets, rowHeight, visibleRange } from './model';

const LAYER_TAG = { l2: 'L2', l3: 'L3', l4: 'L4' } as const;

function Headers({ h, inner }: { h: CaptureHeaders; inner?: boolean }) {
  return (
    <>
      <span className={`cap-proto lay-${h.layer}`}>{inner ? '↳ ' : ''}{h.proto}</span>
      <span className="cap-addr">{h.src} → {h.dst}</span>
      <span className="cap-sum">{h.summary}</span>
    </>
  );
}

export function CaptureList({ rows, selected, walk, traceWalk, onPick, label }: { rows: CaptureRow[]; selected?: number; walk?: number; traceWalk?: number; onPick: (r: CaptureRow) => void; label: string }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const { tops, height } = useMemo(() => offsets(rows), [rows]);
  const [from, to] = visibleRange(tops, height, scroll.top, scroll.height);
  const atEnd = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // New frames arrive at the end: follow them while the learner has not scrolled up.
  useEffect(() => {
    const el = box.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [rows]);

  const index = rows.findIndex((r) => r.seq === selected);
  const move = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -rows.length, End: rows.length }[e.key];
    if (step === undefined || rows.length === 0) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, (index < 0 ? rows.length : index) + step));
    onPick(rows[next]);
    const el = box.current;
    if (el) {
      const top = tops[next];
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight(rows[next]) > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight(rows[next]) - el.clientHeight;
    }
  };

  return (
    <div
      ref={box}
      className="cap-list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={index >= 0 ? `cap-row-${rows[index].seq}` : undefined}
      data-testid="capture-list"
      onKeyDown={move}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
        setScroll({ top: el.scrollTop, height: el.clientHeight });
      }}
    >
      {rows.length === 0 && <p className="empty">{t('capture.none')}</p>}
      <div className="cap-space" style={{ height }}>
        {rows.slice(from, to).map((r, i) => {
          const n = from + i;
          const inWalk = walk !== undefined && r.walk === walk;
          return (
            <div
              key={r.seq}
              id={`cap-row-${r.seq}`}
              role="option"
              aria-selected={r.seq === selected}
              className={`cap-row lay-${r.layer}${r.inner ? ' encap' : ''}${inWalk ? ' in-walk' : ''}${r.walk !== undefined && r.walk === traceWalk ? ' on-trace' : ''}`}
              style={{ top: tops[n], height: rowHeight(r) }}
              data-testid="capture-row"
              title={`${r.time} ${r.ifname} ${r.dir} ${r.proto} ${r.src} > ${r.dst}: ${r.summary}${r.inner ? ` | ${r.inner.proto} ${r.inner.src} > ${r.inner.dst}: ${r.inner.summary}` : ''}`}
              onClick={() => onPick(r)}
            >
              <div className="cap-line">
                <span className="cap-time">{r.time}</span>
                <span className="cap-if">{r.ifname}</span>
                <span className={`cap-dir ${r.dir === 'In' ? 'in' : 'out'}`} title={r.dir === 'In' ? t('capture.in') : t('capture.out')}>{r.dir === 'In' ? '⇠ In' : 'Out ⇢'}</span>
                <span className="cap-layer" aria-hidden="true">{r.inner ? t('capture.encap') : LAYER_TAG[r.layer]}</span>
                <Headers h={r} />
              </div>
              {r.inner && (
                <div className="cap-line cap-inner">
                  <span className="cap-time" />
                  <span className="cap-if" />
                  <span className="cap-dir" />
                  <span className="cap-layer" aria-hidden="true">{LAYER_TAG[r.inner.layer]}</span>
                  <Headers h={r.inner} inner />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
