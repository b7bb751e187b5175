/**
 * The events timeline: Kubernetes Events (what `kubectl get events -A` lists) as marks on a
 * simulated-time axis and as kubectl's table, Warnings highlighted, filtered by namespace and
 * type. Selecting an event's pod or node shows it in the inspector.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { select } from '../actions';
import type { EventRow } from '../../worker/protocol';
import { filterEvents, namespacesOf, selectionOf, tickLabel, timeScale, type EventFilter } from './timeline';
import { ReplicaChart } from '../hpa/ReplicaChart';

export function EventsPanel() {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  const now = useUi((s) => s.snapshot?.time ?? 0);
  const [rows, setRows] = useState<EventRow[]>([]);
  const [filter, setFilter] = useState<EventFilter>({ namespace: '', type: '' });
  const [width, setWidth] = useState(600);
  const axisRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    getEngine()
      .events()
      .then((r) => live && setRows(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hash]);

  useEffect(() => {
    const el = axisRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const shown = useMemo(() => filterEvents(rows, filter), [rows, filter]);
  const namespaces = useMemo(() => namespacesOf(rows), [rows]);
  const x = timeScale(now, width);
  const warnings = shown.filter((e) => e.type === 'Warning').length;

  // kubectl lists the oldest first: keep the newest in view.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  const pick = (e: EventRow) => {
    const sel = selectionOf(e);
    if (sel) select(sel.kind, sel.id);
  };

  return (
    <div className="events-panel" data-testid="events-panel">
      <div className="events-bar">
        <label>
          <span className="field-label">{t('ev.namespace')}</span>
          <select value={filter.namespace} data-testid="events-ns" onChange={(e) => setFilter({ ...filter, namespace: e.target.value })}>
            <option value="">{t('ev.allNs')}</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t('ev.type')}</span>
          <select value={filter.type} data-testid="events-type" onChange={(e) => setFilter({ ...filter, type: e.target.value as EventFilter['type'] })}>
            <option value="">{t('ev.allTypes')}</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <span className="events-count muted" role="status">
          {t('ev.count', { n: shown.length })}
          {warnings > 0 && <> · <span className="ev-warn-text">{t('ev.warnings', { n: warnings })}</span></>}
        </span>
      </div>
      <div className="events-axis" ref={axisRef}>
        <svg width="100%" height="46" role="img" aria-label={t('ev.axis')}>
          <line className="axis-line" x1={x.range()[0]} x2={x.range()[1]} y1={30} y2={30} />
          {x.ticks(Math.max(2, Math.floor(width / 90))).map((v) => (
            <g key={v} transform={`translate(${x(v)},30)`}>
              <line className="axis-tick" y1={0} y2={4} />
              <text className="axis-label" y={15} textAnchor="middle">{tickLabel(v)}</text>
            </g>
          ))}
          <line className="axis-now" x1={x(now)} x2={x(now)} y1={4} y2={30} />
          {shown.map((e) => (
            <g key={e.name} className={`ev-mark ${e.type === 'Warning' ? 'warn' : ''}`} transform={`translate(${x(e.last)},${e.type === 'Warning' ? 12 : 21})`} onClick={() => pick(e)}>
              <title>{`${tickLabel(e.last)} ${e.type} ${e.reason} ${e.object}: ${e.message}`}</title>
              {e.type === 'Warning' ? <path d="M0,-6 L6,4 L-6,4 Z" /> : <circle r={4} />}
            </g>
          ))}
        </svg>
      </div>
      <ReplicaChart />
      <div className="events-table-wrap" ref={listRef} tabIndex={0} aria-label={t('ev.table')}>
        {shown.length === 0 ? (
          <p className="empty">{t('ev.empty')}</p>
        ) : (
          <table className="events-table mono" data-testid="events-table">
            <caption className="sr-only">{t('ev.table')}</caption>
            <thead>
              <tr>
                <th scope="col">NAMESPACE</th>
                <th scope="col">LAST SEEN</th>
                <th scope="col">TYPE</th>
                <th scope="col">REASON</th>
                <th scope="col">OBJECT</th>
                <th scope="col">MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => {
                const sel = selectionOf(e);
                return (
                  <tr key={e.name} className={e.type === 'Warning' ? 'ev-warn' : undefined} data-testid="event-row" data-reason={e.reason}>
                    <td>{e.namespace}</td>
                    <td>{e.lastSeen}</td>
                    <td>{e.type === 'Warning' && <span aria-hidden="true">⚠ </span>}{e.type}</td>
                    <td>{e.reason}</td>
                    <td>
                      {sel ? (
                        <button type="button" className="btn link mono" title={t('ev.selectHint')} onClick={() => pick(e)}>
                          {e.object}
                        </button>
                      ) : (
                        e.object
                      )}
                    </td>
                    <td className="ev-msg">{e.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
