/** Inspector bodies for parts of a machine's network: an interface, a route, an iptables rule (read from the node-network view). */
import type { SelectedKind } from '../../engine/scenario/view';
import { useNodeNetwork } from '../netview/useNodeNetwork';
import { select } from '../actions';
import { useUi } from '../store';
import { useT } from '../i18n';
import { FactList } from './FactList';
import { ipAddrText } from './ipText';
import { findLink, findRule, ifaceId, parseNetId, parseRuleId, rulesHit, stepsDecidedBy } from './selection';

function Traced({ steps, passed = false }: { steps: { n: number }[]; passed?: boolean }) {
  const t = useT();
  const goto = (n: number) => useUi.setState((s) => (s.view.trace ? { view: { ...s.view, trace: { ...s.view.trace, step: n }, panel: 'trace' } } : {}));
  if (steps.length === 0) return <p className="insp-note muted">{t(passed ? 'insp.passedByTrace' : 'insp.notInTrace')}</p>;
  return (
    <p className="insp-note">
      {t('insp.usedByTrace')}{' '}
      {steps.map((s) => (
        <button key={s.n} type="button" className="btn link" onClick={() => goto(s.n)}>#{s.n}</button>
      ))}
    </p>
  );
}

export function NetPartDetails({ kind, id }: { kind: SelectedKind; id: string }) {
  const t = useT();
  const trace = useUi((s) => s.trace);
  const parsed = kind === 'rule' ? parseRuleId(id) : parseNetId(id);
  const { view } = useNodeNetwork(parsed?.node ?? '');
  if (!parsed) return <div className="empty"><p>{t('inspector.gone', { id })}</p></div>;
  if (!view) return <div className="empty"><p>{t('nn.reading', { node: parsed.node })}</p></div>;
  const gone = <div className="empty"><p>{t('inspector.gone', { id })}</p></div>;
  const openNet = () => useUi.setState({ canvas: 'node-network', netNode: parsed.node });

  if (kind === 'iface') {
    const p = parsed as { node: string; netns: string; rest: string };
    const found = findLink(view, p.netns, p.rest);
    if (!found) return gone;
    const { ns, link } = found;
    const peerNs = link.peer && view.namespaces.find((n) => n.id === link.peer!.netns);
    const index = ns.links.indexOf(link) + 1;
    return (
      <>
        <FactList
          facts={[
            [t('insp.machine'), ns.kind === 'host' ? view.node : `${view.node} · ${ns.label}`],
            [t('insp.type'), link.kind],
            ['MAC', link.mac, true],
            ['MTU', String(link.mtu), true],
            [t('insp.state'), link.up ? 'UP' : 'DOWN'],
            [t('insp.addresses'), link.addrs.join(', ') || '—', true],
            ...(link.vxlan ? [['VXLAN', `VNI ${link.vxlan.vni} · local ${link.vxlan.local}:${link.vxlan.dstport} · dev ${link.vxlan.dev}`, true] as [string, string, boolean]] : []),
            ...(link.segment ? [[t('insp.segment'), link.segment, true] as [string, string, boolean]] : []),
          ]}
        />
        <ul className="insp-links">
          {link.master && (
            <li>master <button type="button" className="btn link" onClick={() => select('iface', ifaceId(view.node, ns.id, link.master!))}>{link.master}</button></li>
          )}
          {link.peer && (
            <li>
              {t('insp.peer')} <button type="button" className="btn link" onClick={() => select('iface', ifaceId(view.node, link.peer!.netns, link.peer!.ifname))}>{link.peer.ifname}</button>{' '}
              {peerNs ? `(${peerNs.label})` : ''}
            </li>
          )}
          {ns.pod && <li>{t('insp.podOf')} <button type="button" className="btn link" onClick={() => select('pod', ns.pod!)}>{ns.pod}</button></li>}
          {ns.links.filter((l) => l.master === link.name).map((l) => (
            <li key={l.name}>{t('insp.port')} <button type="button" className="btn link" onClick={() => select('iface', ifaceId(view.node, ns.id, l.name))}>{l.name}</button></li>
          ))}
        </ul>
        <div className="quick-actions"><button type="button" className="btn small" onClick={openNet}>{t('insp.openNodeNet')}</button></div>
        <pre className="yaml mono wrap" tabIndex={0} data-testid="inspector-yaml" aria-label={t('inspector.yamlOf', { id: link.name })}>{`# ip addr show dev ${link.name}\n${ipAddrText(link, index)}`}</pre>
      </>
    );
  }
  if (kind === 'route') {
    const p = parsed as { node: string; netns: string; rest: string };
    const ns = view.namespaces.find((n) => n.id === p.netns);
    if (!ns || !ns.routes.includes(p.rest)) return gone;
    const dev = / dev (\S+)/.exec(p.rest)?.[1];
    const table = / table (\S+)/.exec(p.rest)?.[1] ?? 'main';
    return (
      <>
        <FactList facts={[[t('insp.machine'), ns.kind === 'host' ? view.node : `${view.node} · ${ns.label}`], [t('insp.routeTable'), table, true], [t('insp.route'), p.rest, true]]} />
        <ul className="insp-links">
          {dev && ns.links.some((l) => l.name === dev) && (
            <li>dev <button type="button" className="btn link" onClick={() => select('iface', ifaceId(view.node, ns.id, dev))}>{dev}</button></li>
          )}
        </ul>
        <Traced steps={stepsDecidedBy(trace, view.node, p.rest, ns.id)} />
        <div className="quick-actions"><button type="button" className="btn small" onClick={openNet}>{t('insp.openNodeNet')}</button></div>
        <pre className="yaml mono wrap" tabIndex={0} data-testid="inspector-yaml" aria-label={t('inspector.yamlOf', { id: p.rest })}>{`# ip route show table ${table}\n${p.rest}`}</pre>
      </>
    );
  }
  const r = parsed as { node: string; table: string; chain: string; n: number };
  const found = findRule(view, r.table, r.chain, r.n);
  if (!found) return gone;
  const target = / -j (\S+)/.exec(found.rule.line)?.[1];
  const targetChain = target && view.chains.find((c) => c.table === r.table && c.name === target);
  return (
    <>
      <FactList
        facts={[
          [t('insp.machine'), view.node],
          [t('insp.ruleWhere'), `${r.table} / ${r.chain} / ${r.n}`, true],
          [t('insp.counters'), t('insp.countersValue', { packets: found.rule.packets, bytes: found.rule.bytes })],
          ...(target ? [[t('insp.target'), target, true] as [string, string, boolean]] : []),
        ]}
      />
      {targetChain && targetChain.rules.length > 0 && (
        <ul className="insp-links">
          <li>{t('insp.jumpsTo')} <button type="button" className="btn link" onClick={() => select('rule', `${view.node}|${r.table}|${target}|1`)}>{target}</button></li>
        </ul>
      )}
      <Traced steps={stepsDecidedBy(trace, view.node, found.rule.line)} passed={rulesHit(trace, view).has(id)} />
      <div className="quick-actions"><button type="button" className="btn small" onClick={() => useUi.setState({ canvas: 'node-network', netNode: view.node, netTab: 'iptables' })}>{t('insp.openNodeNet')}</button></div>
      <pre className="yaml mono wrap" tabIndex={0} data-testid="inspector-yaml" aria-label={t('inspector.yamlOf', { id: `${r.chain} ${r.n}` })}>{`# iptables-save -t ${r.table}\n${found.rule.line}`}</pre>
    </>
  );
}
