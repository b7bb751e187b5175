/** "What this placement means for its packets": node, podCIDR, the routes to it, bridged or encapsulated. */
import type { Placement as P } from '../../engine/explain/whyTypes';
import { useT } from '../i18n';

export function Placement({ placement: p }: { placement: P }) {
  const t = useT();
  return (
    <section className="why why-placement" data-testid="why-placement" aria-label={t('why.placementTitle')}>
      <span className="field-label">{t('why.placementTitle')}</span>
      <p>{t('why.placement', { pod: p.pod, node: p.node, ip: p.podIP, cidr: `${p.ipamBlock ? 'Calico IPAM block' : 'podCIDR'} ${p.podCIDR ?? '—'}` })}</p>
      {p.routes.length > 0 && (
        <ul className="why-details mono">
          {p.routes.map((r) => <li key={r.node}>{r.node}: {r.route}</li>)}
        </ul>
      )}
      {p.peer && (
        <p className="mono" data-testid="why-peer">
          <span className={`why-path why-path-${p.peer.path}`}>{p.peer.path}</span> {p.peer.line}
        </p>
      )}
    </section>
  );
}
