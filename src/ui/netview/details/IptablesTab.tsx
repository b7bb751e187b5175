/**
 * The root namespace's iptables, grouped by table, as `iptables -L -v` shows them: each chain
 * with its policy, each rule as the `-A …` line iptables-save prints, with its hit counters.
 * The rule (or policy) that decided the current hop is marked.
 */
import type { ChainView, NodeNetworkView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { stageTable } from '../model';
import { DecidedMark } from './DecidedMark';
import { useT } from '../../i18n';
import { useUi } from '../../store';
import { select } from '../../actions';
import { ruleId, rulesHit } from '../../inspector/selection';
import { IpvsTable } from './IpvsTable';
import { NftTables } from './NftTables';

const TABLE_ORDER: ChainView['table'][] = ['filter', 'nat', 'mangle', 'raw'];

/** Counters the way `iptables -L -v` abbreviates them. */
export function count(n: number): string {
  if (n < 100_000) return String(n);
  if (n < 100_000_000) return `${Math.round(n / 1000)}K`;
  return `${Math.round(n / 1_000_000)}M`;
}

export function IptablesTab({ view, step }: { view: NodeNetworkView; step?: TraceStep }) {
  const t = useT();
  const inRoot = step && step.netns === view.namespaces[0].id ? step : undefined;
  const table = inRoot ? stageTable(inRoot.stage) : undefined;
  // Every rule the trace on screen went through on this machine (not only the current step's).
  const trace = useUi((s) => s.trace);
  const hit = rulesHit(trace, view);
  const sel = useUi((s) => (s.view.selected?.kind === 'rule' ? s.view.selected.id : undefined));
  const tables = TABLE_ORDER.map((tb) => ({ tb, chains: view.chains.filter((c) => c.table === tb) })).filter((x) => x.chains.length > 0);
  return (
    <div data-testid="nn-iptables">
      {tables.length === 0 && <p className="nn-empty">{t('nn.noRules', { node: view.node })}</p>}
      {tables.map(({ tb, chains }) => (
        <section key={tb} className="nn-block" aria-label={t('nn.tableLabel', { table: tb })}>
          <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> iptables -t {tb} -L -v</h3>
          <table className="nn-rules">
            <thead>
              <tr>
                <th scope="col"><span className="sr-only">{t('nn.decided')}</span></th>
                <th scope="col" className="num">pkts</th>
                <th scope="col" className="num">bytes</th>
                <th scope="col">{t('nn.rule')}</th>
              </tr>
            </thead>
            {chains.map((c) => {
              const policyOn = !!inRoot && table === tb && !!c.policy && inRoot.decidedBy === `:${c.name} ${c.policy}`;
              return (
                <tbody key={c.name} data-testid="nn-chain" data-chain={`${tb}/${c.name}`}>
                  <tr className={`chain-row ${policyOn ? 'is-decided' : ''}`} data-testid="nn-policy" data-decided={policyOn || undefined}>
                    <td><DecidedMark on={policyOn} /></td>
                    <td className="num mono">{c.policy ? count(c.packets) : ''}</td>
                    <td />
                    <th scope="rowgroup" className="chain-name">
                      Chain <span className="mono">{c.name}</span>{' '}
                      {c.policy ? (
                        <span className={`policy ${c.policy === 'DROP' ? 'drop' : ''}`}>(policy {c.policy}{c.policy === 'DROP' ? ' ✕' : ''})</span>
                      ) : (
                        <span className="muted">{t('nn.userDefined')}</span>
                      )}
                    </th>
                  </tr>
                  {c.rules.length === 0 && (
                    <tr><td /><td /><td /><td className="muted">{t('nn.policyDecides')}</td></tr>
                  )}
                  {c.rules.map((r, i) => {
                    const on = !!inRoot && table === tb && inRoot.decidedBy === r.line;
                    const id = ruleId(view.node, tb, c.name, i + 1);
                    const traced = hit.has(id);
                    return (
                      <tr key={`${i}:${r.line}`} className={`rule-row ${on ? 'is-decided' : ''} ${r.packets > 0 ? 'hit' : ''} ${traced ? 'trace-hit' : ''}`} data-testid="nn-rule" data-packets={r.packets} data-bytes={r.bytes} data-decided={on || undefined} data-trace-hit={traced || undefined}>
                        <td>
                          {!on && traced ? (
                            <span className="mark-slot hit-mark" title={t('nn.traceHitTitle')}><span aria-hidden="true">●</span><span className="sr-only">{t('nn.traceHitSr')}</span></span>
                          ) : (
                            <DecidedMark on={on} />
                          )}
                        </td>
                        <td className="num mono" aria-label={t('nn.packets', { n: r.packets })}>{count(r.packets)}</td>
                        <td className="num mono" aria-label={t('nn.bytes', { n: r.bytes })}>{count(r.bytes)}</td>
                        <td className="mono rule-line">
                          <button type="button" className={`nn-row-btn ${sel === id ? 'selected' : ''}`} aria-pressed={sel === id} onClick={() => select('rule', id)}>{r.line}</button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              );
            })}
          </table>
        </section>
      ))}
      {view.nft && <NftTables view={view} step={step} />}
      {view.ipvs.length > 0 && <IpvsTable view={view} />}
    </div>
  );
}
