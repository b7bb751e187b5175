/**
 * kube-proxy's nftables mode: table ip kube-proxy's chains as `nft list table` prints them,
 * each rule with its hit counter; the rule that decided the current hop is marked, as in the
 * iptables tables above it.
 */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { DecidedMark } from './DecidedMark';
import { count } from './IptablesTab';
import { useT } from '../../i18n';

export function NftTables({ view, step }: { view: NodeNetworkView; step?: TraceStep }) {
  const t = useT();
  const inRoot = step && step.netns === view.namespaces[0].id ? step : undefined;
  return (
    <>
      {(view.nft ?? []).map((tb) => (
        <section key={tb.table} className="nn-block" aria-label={t('nn.nftLabel', { table: tb.table })} data-testid="nn-nft">
          <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> nft list table {tb.table}</h3>
          <table className="nn-rules">
            <thead>
              <tr>
                <th scope="col"><span className="sr-only">{t('nn.decided')}</span></th>
                <th scope="col" className="num">pkts</th>
                <th scope="col" className="num">bytes</th>
                <th scope="col">{t('nn.rule')}</th>
              </tr>
            </thead>
            {tb.chains.map((c) => (
              <tbody key={c.name} data-testid="nn-nft-chain" data-chain={c.name}>
                <tr className="chain-row">
                  <td /><td /><td />
                  <th scope="rowgroup" className="chain-name">
                    chain <span className="mono">{c.name}</span> {c.head && <span className="muted mono">{c.head}</span>}
                  </th>
                </tr>
                {c.rules.map((r, i) => {
                  const on = inRoot?.decidedBy === r.line;
                  return (
                    <tr key={`${i}:${r.text}`} className={`rule-row ${on ? 'is-decided' : ''} ${r.packets > 0 ? 'hit' : ''}`} data-testid="nn-nft-rule" data-packets={r.packets} data-decided={on || undefined}>
                      <td><DecidedMark on={on} /></td>
                      <td className="num mono" aria-label={t('nn.packets', { n: r.packets })}>{count(r.packets)}</td>
                      <td className="num mono" aria-label={t('nn.bytes', { n: r.bytes })}>{count(r.bytes)}</td>
                      <td className="mono rule-line">{r.text}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
          {tb.hidden > 0 && <p className="muted">{t('nn.nftHidden', { n: tb.hidden })}</p>}
        </section>
      ))}
    </>
  );
}
