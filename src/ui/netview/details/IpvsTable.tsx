/** kube-proxy's ipvs mode: the virtual servers and their real servers as `ipvsadm -Ln` lists them; those the trace went through are marked. */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import { useUi } from '../../store';
import { ipvsHits } from '../../inspector/selection';
import { useT } from '../../i18n';

export function IpvsTable({ view }: { view: NodeNetworkView }) {
  const t = useT();
  const trace = useUi((s) => s.trace);
  const hits = ipvsHits(trace, view.node);
  const mark = (on: boolean) =>
    on ? (
      <span className="mark-slot hit-mark" title={t('nn.traceHitTitle')}><span aria-hidden="true">●</span><span className="sr-only">{t('nn.traceHitSr')}</span></span>
    ) : (
      <span className="mark-slot" aria-hidden="true" />
    );
  return (
    <section className="nn-block" aria-label={t('nn.ipvsLabel')} data-testid="nn-ipvs">
      <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> ipvsadm -Ln</h3>
      <table className="nn-rules nn-ipvs">
        <thead>
          <tr>
            <th scope="col"><span className="sr-only">{t('nn.traceHitSr')}</span></th>
            <th scope="col">LocalAddress:Port</th>
            <th scope="col">Sched.</th>
            <th scope="col" className="num">Weight</th>
            <th scope="col" className="num"><abbr title="ActiveConn">Act</abbr></th>
            <th scope="col" className="num"><abbr title="InActConn">InAct</abbr></th>
          </tr>
        </thead>
        {view.ipvs.map((v) => {
          const key = `${v.proto} ${v.address}:${v.port}`;
          const on = hits.services.has(key);
          return (
            <tbody key={key} data-testid="nn-ipvs-vs" data-vs={key} data-trace-hit={on || undefined}>
              <tr className={`chain-row ${on ? 'trace-hit' : ''}`}>
                <td>{mark(on)}</td>
                <th scope="rowgroup" className="mono chain-name">{v.proto}  {v.address}:{v.port}</th>
                <td className="mono">{v.scheduler}{v.persistent ? ` persistent ${v.persistent}` : ''}</td>
                <td /><td /><td />
              </tr>
              {v.servers.map((r) => {
                const rk = `${r.address}:${r.port}`;
                const hit = hits.servers.has(`${key}>${rk}`);
                return (
                  <tr key={rk} className={`rule-row ${hit ? 'trace-hit' : ''}`} data-testid="nn-ipvs-rs" data-trace-hit={hit || undefined}>
                    <td>{mark(hit)}</td>
                    <td className="mono">  -&gt; {rk}</td>
                    <td className="mono">Masq</td>
                    <td className="num mono">{r.weight}</td>
                    <td className="num mono">{r.active}</td>
                    <td className="num mono">{r.inactive}</td>
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </section>
  );
}
