/** Which machine the Node network view shows, and whether it follows the packet. */
import '../styles/netview.css';
import { useUi } from '../store';
import { machines, shownNode } from './model';

/** Sits in the canvas tab row while the Node network view is open. */
export function NetToolbar() {
  const node = useUi(shownNode);
  const stale = useUi((s) => !!s.nodeNet[node] && s.nodeNet[node].snap !== s.snapshot);
  const snap = useUi((s) => s.snapshot);
  const follow = useUi((s) => !s.netNode);
  const hasTrace = useUi((s) => !!s.trace);
  const { cluster, outside } = machines(snap);
  return (
    <div className="nn-toolbar" role="group" aria-label="Node network options">
      <label>
        <span className="field-label">Machine</span>
        <select value={node} data-testid="nn-node" onChange={(e) => useUi.setState({ netNode: e.target.value, netNs: undefined })}>
          <optgroup label="Cluster nodes">
            {cluster.map((n) => <option key={n} value={n}>{n}</option>)}
          </optgroup>
          {outside.length > 0 && (
            <optgroup label="Outside the cluster">
              {outside.map((n) => <option key={n} value={n}>{n}</option>)}
            </optgroup>
          )}
        </select>
      </label>
      <label className="switch plain" title="Show the machine the current trace step is on">
        <input type="checkbox" checked={follow} data-testid="nn-follow" onChange={(e) => useUi.setState({ netNode: e.target.checked ? undefined : node })} />
        Follow the packet{follow && !hasTrace ? <span className="muted nn-notrace"> (no trace yet)</span> : null}
      </label>
      <span className={`nn-status ${stale ? 'on' : ''}`} role="status" aria-live="polite">{stale ? 'updating…' : ''}</span>
      <ul className="legend inline" aria-label="Legend">
        <li><span className="line veth" aria-hidden="true" />veth pair</li>
        <li><span className="line encap" aria-hidden="true" />VXLAN over</li>
        <li><span className="line cable" aria-hidden="true" />cable</li>
        <li><span className="here-tag" aria-hidden="true">●</span> packet here</li>
      </ul>
    </div>
  );
}
