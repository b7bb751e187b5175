/** Which machine the Node network view shows, and whether it follows the packet. */
import '../styles/netview.css';
import { useUi } from '../store';
import { machines, shownNode } from './model';
import { useT } from '../i18n';

/** Sits in the canvas tab row while the Node network view is open. */
export function NetToolbar() {
  const t = useT();
  const node = useUi(shownNode);
  const stale = useUi((s) => !!s.nodeNet[node] && s.nodeNet[node].snap !== s.snapshot);
  const snap = useUi((s) => s.snapshot);
  const follow = useUi((s) => !s.netNode);
  const hasTrace = useUi((s) => !!s.trace);
  const { cluster, outside } = machines(snap);
  return (
    <div className="nn-toolbar" role="group" aria-label={t('nn.options')}>
      <label>
        <span className="field-label">{t('nn.machine')}</span>
        <select value={node} data-testid="nn-node" onChange={(e) => useUi.setState({ netNode: e.target.value, netNs: undefined })}>
          <optgroup label={t('nn.clusterNodes')}>
            {cluster.map((n) => <option key={n} value={n}>{n}</option>)}
          </optgroup>
          {outside.length > 0 && (
            <optgroup label={t('nn.outside')}>
              {outside.map((n) => <option key={n} value={n}>{n}</option>)}
            </optgroup>
          )}
        </select>
      </label>
      <label className="switch plain" title={t('nn.followTitle')}>
        <input type="checkbox" checked={follow} data-testid="nn-follow" onChange={(e) => useUi.setState({ netNode: e.target.checked ? undefined : node })} />
        {t('nn.follow')}{follow && !hasTrace ? <span className="muted nn-notrace"> {t('nn.noTrace')}</span> : null}
      </label>
      <button type="button" className="btn small" title={t('capture.showTrafficTitle')} data-testid="nn-traffic" onClick={() => useUi.setState({ canvas: 'capture', captureTarget: node })}>{t('capture.showTraffic')}</button>
      <span className={`nn-status ${stale ? 'on' : ''}`} role="status" aria-live="polite">{stale ? t('nn.updating') : ''}</span>
      <ul className="legend inline" aria-label={t('nn.legend')}>
        <li><span className="line veth" aria-hidden="true" />{t('nn.legendVeth')}</li>
        <li><span className="line encap" aria-hidden="true" />{t('nn.legendEncap')}</li>
        <li><span className="line cable" aria-hidden="true" />{t('nn.legendCable')}</li>
        <li><span className="here-tag" aria-hidden="true">●</span> {t('nn.legendHere')}</li>
      </ul>
    </div>
  );
}
