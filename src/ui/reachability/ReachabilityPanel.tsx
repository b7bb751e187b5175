/**
 * Who can reach whom: the worker traces every running pod of the chosen namespaces to every pod,
 * Service port and the outside world (on a copy of the simulation, so nothing changes here).
 * After any change — a rule, a policy, a fault — the matrix is recomputed and the cells that
 * flipped are marked. A cell opens its trace in the Trace panel, hop by hop.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUi, patchView } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { runTrace } from '../actions';
import { errorMessage } from '../model';
import type { Reachability, ReachTarget } from '../../engine/explain/reachability';
import { cellKey, diffCells, paintFrom, shortLabel } from './matrix';

export default function ReachabilityPanel() {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  const pods = useUi((s) => s.snapshot?.pods);
  const namespaces = useMemo(() => [...new Set((pods ?? []).map((p) => p.namespace))].sort(), [pods]);
  const [chosen, setChosen] = useState<string[]>(['default']);
  const [matrix, setMatrix] = useState<Reachability>();
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const previous = useRef<{ key: string; matrix: Reachability }>(undefined);
  const selection = chosen.join(',');

  useEffect(() => {
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      getEngine()
        .reachability(selection === '' ? [] : selection.split(','))
        .then((m) => {
          if (!live) return;
          const before = previous.current?.key === selection ? previous.current.matrix : undefined;
          setChanged(diffCells(before, m));
          previous.current = { key: selection, matrix: m };
          setMatrix(m);
          setError(undefined);
        })
        .catch((e: unknown) => live && setError(errorMessage(e)))
        .finally(() => live && setBusy(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [hash, selection]);

  const toggle = (ns: string): void => setChosen((c) => (c.includes(ns) ? c.filter((x) => x !== ns) : [...c, ns].sort()));
  const open = (from: string, target: ReachTarget): void => {
    void runTrace(from, target.ip, target.proto === 'icmp' ? {} : { proto: target.proto, port: target.port });
    patchView({ panel: 'trace' });
    useUi.setState({ eventsTab: false, editorTab: false });
  };
  const painted = useUi((s) => s.reachPaint?.source);
  // Paint this row onto the cluster graph (rings per pod) and show the graph; one more click clears it.
  const paint = (source: string): void => {
    if (!matrix) return;
    if (painted === source) return useUi.setState({ reachPaint: undefined });
    useUi.setState({ reachPaint: paintFrom(matrix, source, changed, chosen, hash), canvas: 'cluster' });
  };
  const reachable = matrix ? matrix.cells.flat().filter((c) => c.ok).length : 0;
  const total = matrix ? matrix.cells.flat().length : 0;

  return (
    <div className="reach" data-testid="reachability">
      <div className="reach-bar">
        <fieldset className="reach-ns">
          <legend>{t('reach.namespaces')}</legend>
          {namespaces.map((ns) => (
            <label key={ns} className="reach-chip">
              <input type="checkbox" checked={chosen.includes(ns)} onChange={() => toggle(ns)} data-testid={`reach-ns-${ns}`} />
              {ns}
            </label>
          ))}
        </fieldset>
        <span className="reach-summary" role="status" aria-live="polite" data-testid="reach-summary">
          {busy ? t('reach.computing') : matrix ? t('reach.summary', { ok: reachable, total, changed: changed.size }) : ''}
        </span>
      </div>
      {error && (
        <p className="reach-error" role="alert">
          {error}
        </p>
      )}
      {matrix && matrix.sources.length === 0 && <p className="reach-empty">{t('reach.empty')}</p>}
      {matrix && matrix.sources.length > 0 && (
        <div className="reach-scroll">
          <table className="reach-table" aria-label={t('reach.caption')}>
            <thead>
              <tr>
                <th scope="col" className="reach-corner">
                  {t('reach.fromTo')}
                </th>
                {matrix.targets.map((tg) => (
                  <th key={tg.id} scope="col" title={tg.label} className={`reach-target reach-kind-${tg.kind}`}>
                    <span>{shortLabel(tg.label)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.sources.map((src, i) => (
                <tr key={src.id}>
                  <th scope="row" title={src.label}>
                    {shortLabel(src.label)}
                    <button type="button" className="reach-paint" aria-pressed={painted === src.id} title={t('reach.paintTitle', { src: src.label })} aria-label={t('reach.paintTitle', { src: src.label })} data-testid={`reach-paint-${i}`} onClick={() => paint(src.id)}>
                      {t('reach.paint')}
                    </button>
                  </th>
                  {matrix.targets.map((tg, j) => {
                    const c = matrix.cells[i][j];
                    const self = tg.id === `pod:${src.id}`;
                    const flipped = changed.has(cellKey(src.id, tg.id));
                    const label = `${src.label} → ${tg.label}: ${c.ok ? t('reach.ok') : t('reach.blocked')}. ${c.summary}${c.decidedBy ? ` (${c.decidedBy})` : ''}${flipped ? ` — ${t('reach.changed')}` : ''}`;
                    return (
                      <td key={tg.id} className={`reach-cell ${self ? 'self' : c.ok ? 'ok' : 'blocked'}${flipped ? ' changed' : ''}`}>
                        {self ? (
                          <span aria-label={label}>·</span>
                        ) : (
                          <button type="button" aria-label={label} title={label} data-testid={`reach-cell-${i}-${j}`} data-ok={c.ok} data-changed={flipped || undefined} onClick={() => open(src.id, tg)}>
                            {c.ok ? '✓' : '✗'}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="reach-legend">{t('reach.legend')}</p>
    </div>
  );
}
