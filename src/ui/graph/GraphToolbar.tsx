/** Canvas overlay: the legend and the system-pods switch. */
import { useUi } from '../store';
import { useT } from '../i18n';
import { saveShowSystemPods } from '../prefs/prefs';
import { isSystemPod } from './layout';

export function GraphToolbar() {
  const t = useT();
  const showSystem = useUi((s) => s.showSystemPods);
  const hasSystem = useUi((s) => !!s.snapshot?.pods.some(isSystemPod));
  return (
    <div className="graph-toolbar">
      <ul className="legend" aria-label={t('nn.legend')}>
        <li><span className="swatch phase-running" aria-hidden="true">●</span>Running</li>
        <li><span className="swatch phase-pending" aria-hidden="true">◔</span>Pending</li>
        <li><span className="swatch phase-failed" aria-hidden="true">✕</span>Failed</li>
        <li><span className="line vxlan" aria-hidden="true" />{t('graph.legendOverlay')}</li>
        <li><span className="line eth" aria-hidden="true" />{t('graph.legendUnderlay')}</li>
      </ul>
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
