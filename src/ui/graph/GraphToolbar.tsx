/** Canvas overlay: the legend, pods vs tiles, and the system-pods switch. */
import { useUi } from '../store';
import { useT } from '../i18n';
import { saveShowSystemPods } from '../prefs/prefs';
import { isSystemPod } from './layout';
import { setGraphMode, useGraph } from './graphState';
import type { GraphMode } from './scale';
import type { PodView } from '../../engine/sim/snapshot';

const MODES: GraphMode[] = ['auto', 'pods', 'tiles'];

/** Per pod list (a snapshot's): the selector runs on every store update, a scan of 10,000 pods each time adds up. */
const systemIn = new WeakMap<PodView[], boolean>();
function hasSystemPods(pods: PodView[]): boolean {
  let v = systemIn.get(pods);
  if (v === undefined) systemIn.set(pods, (v = pods.some(isSystemPod)));
  return v;
}

export function GraphToolbar({ tiles = false }: { tiles?: boolean }) {
  const t = useT();
  const showSystem = useUi((s) => s.showSystemPods);
  const hasSystem = useUi((s) => !!s.snapshot && hasSystemPods(s.snapshot.pods));
  const mode = useGraph((s) => s.mode);
  // Tunnel arcs are drawn only between flannel VTEPs: no VXLAN entry for host-gw or Calico.
  const vxlan = useUi((s) => !!s.snapshot?.nodes.some((n) => n.vtep));
  const hollow = useUi((s) => !!s.snapshot?.nodes.some((n) => n.hollow));
  return (
    <div className="graph-toolbar">
      {tiles ? (
        <ul className="legend" aria-label={t('nn.legend')} data-testid="tiles-legend">
          <li><span className="cell-swatch running" aria-hidden="true" />Running</li>
          <li><span className="cell-swatch notready" aria-hidden="true" />{t('graph.tiles.notReady')}</li>
          <li><span className="cell-swatch pending" aria-hidden="true" />Pending</li>
          <li><span className="cell-swatch failed" aria-hidden="true" />{t('graph.tiles.failed')}</li>
          <li><span className="cell-swatch terminating" aria-hidden="true" />Terminating</li>
          <li><span className="cell-swatch succeeded" aria-hidden="true" />Succeeded</li>
          {hollow && <li data-testid="legend-hollow" title={t('hollow.badgeTitle')}><span className="hollow-swatch" aria-hidden="true" />{t('hollow.legend')}</li>}
          <li className="legend-note">{t('graph.tiles.legendNote')}</li>
        </ul>
      ) : (
        <ul className="legend" aria-label={t('nn.legend')}>
          <li><span className="swatch phase-running" aria-hidden="true">●</span>Running</li>
          <li><span className="swatch phase-pending" aria-hidden="true">◔</span>Pending</li>
          <li><span className="swatch phase-failed" aria-hidden="true">✕</span>Failed</li>
          {vxlan && <li><span className="line vxlan" aria-hidden="true" />{t('graph.legendOverlay')}</li>}
          <li><span className="line eth" aria-hidden="true" />{t('graph.legendUnderlay')}</li>
        </ul>
      )}
      <div className="graph-mode" role="group" aria-label={t('graph.tiles.modeLabel')} title={t('graph.tiles.modeTitle')}>
        {MODES.map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} data-testid={`graph-mode-${m}`} onClick={() => setGraphMode(m)}>
            {t(m === 'auto' ? 'graph.tiles.modeAuto' : m === 'pods' ? 'graph.tiles.modePods' : 'graph.tiles.modeTiles')}
          </button>
        ))}
      </div>
      {hasSystem && (
        <label className="switch" title={t('graph.systemPodsTitle')}>
          <input
            type="checkbox"
            checked={showSystem}
            data-testid="show-system-pods"
            onChange={(e) => {
              saveShowSystemPods(e.target.checked);
              useUi.setState({ showSystemPods: e.target.checked });
            }}
          />
          {t('graph.systemPods')}
        </label>
      )}
    </div>
  );
}
