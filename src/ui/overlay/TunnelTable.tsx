/** How each node reaches each other node's pods, in words: route → neighbour (ARP) → FDB. */
import type { PeerPath } from './model';
import { useT } from '../i18n';

export function TunnelTable({ paths, active }: { paths: PeerPath[]; active?: PeerPath }) {
  const t = useT();
  if (paths.length === 0) return <p className="nn-empty">{t('ov.noSubnets')}</p>;
  const vxlan = paths.some((p) => p.kind === 'vxlan');
  return (
    <table className="ov-table" data-testid="ov-path-table">
      <caption className="sr-only">{t(vxlan ? 'ov.tableCaptionVxlan' : 'ov.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ov.fromTo')}</th>
          <th scope="col">ip route</th>
          {vxlan && <th scope="col">ip neigh</th>}
          {vxlan && <th scope="col">bridge fdb</th>}
        </tr>
      </thead>
      <tbody>
        {paths.map((p) => {
          const on = p === active;
          return (
            <tr key={`${p.from}>${p.to}>${p.subnet}`} className={`${on ? 'is-decided' : ''} ${p.problem ? 'bad' : ''}`} data-testid="ov-path" data-kind={p.kind}>
              <th scope="row">
                {p.from} → {p.to}
                {on && <span className="here-tag"> ● {t('ov.inUse')}</span>}
                {p.problem && <div className="ov-problem">⚠ {p.problem}</div>}
              </th>
              <td className="mono">{p.route ?? '—'}</td>
              {vxlan && <td className="mono">{p.neigh ?? '—'}</td>}
              {vxlan && <td className="mono">{p.fdb ?? '—'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
