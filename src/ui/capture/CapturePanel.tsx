/**
 * The Capture view: the frames one machine or pod sent and received, like a packet capture
 * (what `tcpdump -n -i IFACE` prints in a node's terminal), coloured by layer and filterable by
 * interface. Picking a frame marks the other frames of the same packet walk; when that walk is
 * the trace on screen, the Trace panel jumps to the step, and a terminal probe's walk (ping,
 * curl, nslookup) can be opened in the Trace panel.
 */
import './capture.css';
import { useState } from 'react';
import { patchView, setTraceStep, useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { call } from '../actions';
import { errorMessage } from '../model';
import type { CaptureRow, CaptureView } from '../../engine/sim/captureView';
import { captureTargets, filterRows, shownTarget } from './model';
import { CaptureList } from './CaptureList';
import { useCapture } from './useCapture';

export default function CapturePanel() {
  const t = useT();
  const target = useUi(shownTarget);
  const snap = useUi((s) => s.snapshot);
  const { machines, pods } = captureTargets(snap);
  const { view, error } = useCapture(target);
  const [iface, setIface] = useState('');
  const [picked, setPicked] = useState<CaptureRow>();
  const [openError, setOpenError] = useState<string>();
  const shownIface = view && view.interfaces.includes(iface) ? iface : '';
  const rows = view ? filterRows(view.rows, shownIface) : [];
  const row = picked && view?.rows.find((r) => r.seq === picked.seq);

  const pick = (r: CaptureRow) => {
    setPicked(r);
    setOpenError(undefined);
    // The trace on screen: go to the step this frame came before.
    if (view && r.walk !== undefined && r.walk === view.traceWalk && r.step !== undefined) {
      setTraceStep(r.step);
      patchView({ panel: 'trace' });
    }
  };

  return (
    <div className="capture" data-testid="capture">
      <div className="cap-bar">
        <label>
          <span className="field-label">{t('capture.target')}</span>
          <select value={target} data-testid="capture-target" onChange={(e) => (setPicked(undefined), useUi.setState({ captureTarget: e.target.value }))}>
            <optgroup label={t('capture.machines')}>
              {machines.map((m) => <option key={m} value={m}>{m}</option>)}
            </optgroup>
            <optgroup label={t('capture.pods')}>
              {pods.map((p) => <option key={p} value={p}>{p}</option>)}
            </optgroup>
          </select>
        </label>
        <label>
          <span className="field-label">{t('capture.iface')}</span>
          <select value={shownIface} data-testid="capture-iface" onChange={(e) => setIface(e.target.value)}>
            <option value="">{t('capture.allIfaces')}</option>
            {(view?.interfaces ?? []).map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </label>
        <ul className="legend inline cap-legend" aria-label={t('capture.legend')}>
          <li><span className="cap-swatch lay-l2" aria-hidden="true" />{t('capture.l2')}</li>
          <li><span className="cap-swatch lay-l3" aria-hidden="true" />{t('capture.l3')}</li>
          <li><span className="cap-swatch lay-l4" aria-hidden="true" />{t('capture.l4')}</li>
          <li><span className="cap-swatch encap" aria-hidden="true" />{t('capture.encapLegend')}</li>
        </ul>
      </div>
      <p className="cap-note" data-testid="capture-note">
        {view ? <Count view={view} shown={rows.length} iface={shownIface} /> : null} {t('capture.about', { limit: view?.limit ?? 500 })}
      </p>
      {error && <p className="cap-error" role="alert">{error}</p>}
      {row && view && <WalkInfo view={view} row={row} onError={setOpenError} />}
      {openError && <p className="cap-error" role="alert">{openError}</p>}
      <div className="cap-head" aria-hidden="true">
        <span className="cap-time">{t('capture.colTime')}</span>
        <span className="cap-if">{t('capture.colIface')}</span>
        <span className="cap-dir">{t('capture.colDir')}</span>
        <span className="cap-layer">{t('capture.colLayer')}</span>
        <span className="cap-proto">{t('capture.colProto')}</span>
        <span className="cap-addr">{t('capture.colAddr')}</span>
        <span className="cap-sum">{t('capture.colSummary')}</span>
      </div>
      <CaptureList rows={rows} selected={row?.seq} walk={row?.walk} traceWalk={view?.traceWalk} onPick={pick} label={t('capture.listLabel', { target })} />
    </div>
  );
}

function Count({ view, shown, iface }: { view: CaptureView; shown: number; iface: string }) {
  const t = useT();
  const gone = view.total - view.rows.length;
  return (
    <strong>
      {iface ? t('capture.countIface', { n: shown, iface, label: view.nsLabel }) : t('capture.count', { n: shown, label: view.nsLabel })}
      {gone > 0 ? ` ${t('capture.dropped', { n: gone })}` : ''}
    </strong>
  );
}

/** Which walk the picked frame belongs to, and the way to its trace. */
function WalkInfo({ view, row, onError }: { view: CaptureView; row: CaptureRow; onError: (e: string) => void }) {
  const t = useT();
  const w = row.walk !== undefined ? view.walks[row.walk] : undefined;
  if (!w) return <p className="cap-walk muted" data-testid="capture-walk">{t('capture.walkUnknown')}</p>;
  const open = async () => {
    try {
      const trace = await call(() => getEngine().walkTrace(row.walk!));
      if (!trace) return onError(t('capture.walkGone'));
      const step = Math.min(row.step ?? 0, trace.steps.length - 1);
      useUi.setState((s) => ({ trace, playing: false, view: { ...s.view, panel: 'trace', trace: { from: w.target, to: w.dst, step } } }));
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  return (
    <p className="cap-walk" data-testid="capture-walk">
      {w.kind === 'trace' ? t('capture.walkTrace', { src: w.target, dst: w.dst }) : t('capture.walkProbe', { tool: w.tool, target: w.target, dst: w.dst })}{' '}
      <span className={`cap-outcome ${w.outcome}`}>{w.outcome === 'delivered' ? t('capture.delivered') : t('capture.droppedWalk')}</span>{' '}
      {w.kind === 'probe' && (
        <button type="button" className="btn small" data-testid="capture-open-trace" onClick={() => void open()}>
          {t('capture.openTrace')}
        </button>
      )}
      {w.kind === 'trace' && <span className="muted">{t('capture.onTrace', { step: (row.step ?? 0) + 1 })}</span>}
    </p>
  );
}
