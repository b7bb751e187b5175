/** Canvas overlay: the legend and the system-pods switch. */
import { useUi } from '../store';

export function GraphToolbar() {
  const showSystem = useUi((s) => s.showSystemPods);
  const hasSystem = useUi((s) => !!s.snapshot?.pods.some((p) => p.namespace === 'kube-system'));
  return (
    <div className="graph-toolbar">
      <ul className="legend" aria-label="Legend">
        <li><span className="swatch phase-running" aria-hidden="true">●</span>Running</li>
        <li><span className="swatch phase-pending" aria-hidden="true">◔</span>Pending</li>
        <li><span className="swatch phase-failed" aria-hidden="true">✕</span>Failed</li>
        <li><span className="line vxlan" aria-hidden="true" />VXLAN overlay</li>
        <li><span className="line eth" aria-hidden="true" />underlay</li>
      </ul>
      {hasSystem && (
        <label className="switch">
          <input type="checkbox" checked={showSystem} data-testid="show-system-pods" onChange={(e) => useUi.setState({ showSystemPods: e.target.checked })} />
          kube-system pods
        </label>
      )}
    </div>
  );
}
