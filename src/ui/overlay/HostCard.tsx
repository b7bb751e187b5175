/** A machine in the Overlay view: a node with its pod subnet and VTEP, or a host outside the cluster. */
import type { NodeNetworkView, NodeView } from '../../engine/sim/snapshot';
import { ipipOf, podBlocks, vtepOf } from './model';
import { useT } from '../i18n';

interface Props {
  host: string;
  node?: NodeView;
  view?: NodeNetworkView;
  col: number;
  here: boolean;
  /** The cluster's network plugin as the snapshot names it ("flannel (host-gw)"). */
  cni: string;
}

export function HostCard({ host, node, view, col, here, cni }: Props) {
  const t = useT();
  const vtep = vtepOf(view);
  const ipip = vtep ? undefined : ipipOf(view);
  const blocks = podBlocks(view);
  const root = view?.namespaces[0];
  const nics = root?.links.filter((l) => l.segment) ?? [];
  const outsideAddrs = !node ? (root?.links.filter((l) => l.kind === 'dummy').flatMap((l) => l.addrs.map((a) => a.replace(/\/32$/, ''))) ?? []) : [];
  const kind = t(node ? (node.role === 'control-plane' ? 'ov.controlPlane' : 'ov.worker') : host === 'router' ? 'ov.natGateway' : 'ov.outsideHosts');
  return (
    <div className={`ov-host ${node ? 'is-node' : 'is-outside'} ${node?.role === 'control-plane' ? 'control-plane' : ''} ${here ? 'trace-here' : ''}`} style={{ gridColumn: col + 1 }} data-testid={`ov-host-${host}`}>
      <span className="ov-top" data-anchor={`top:${host}`} aria-hidden="true" />
      {node && vtep && (
        <div className="ov-vtep" data-anchor={`vtep:${host}`} data-testid={`ov-vtep-${host}`} role="group" aria-label={t('ov.vtepLabel', { dev: vtep.dev, host, mac: vtep.mac, local: vtep.local, vni: vtep.vni })}>
          <div className="ov-vtep-head">
            <span className="mono nn-link-name">{vtep.dev}</span>
            <span className="nn-kind">VTEP</span>
            <span className="mono ov-vni">VNI {vtep.vni}</span>
          </div>
          <dl className="ov-facts mono">
            <div><dt>MAC</dt><dd>{vtep.mac}</dd></div>
            <div><dt>addr</dt><dd>{vtep.addr}</dd></div>
            <div><dt>local</dt><dd>{vtep.local}:{vtep.dstport} <span className="muted">{vtep.over}</span></dd></div>
            <div><dt>MTU</dt><dd>{vtep.mtu}</dd></div>
          </dl>
          {vtep.local !== node.internalIP && <div className="ov-warn">{t('ov.localNotNodeIp', { ip: node.internalIP })}</div>}
        </div>
      )}
      {node && ipip && (
        <div className="ov-vtep" data-anchor={`vtep:${host}`} data-testid={`ov-ipip-${host}`} role="group" aria-label={t('ov.ipipLabel', { dev: ipip.dev, host, addr: ipip.addr })}>
          <div className="ov-vtep-head">
            <span className="mono nn-link-name">{ipip.dev}</span>
            <span className="nn-kind">IPIP</span>
          </div>
          <dl className="ov-facts mono">
            <div><dt>addr</dt><dd>{ipip.addr || '—'}</dd></div>
            <div><dt>MTU</dt><dd>{ipip.mtu}</dd></div>
          </dl>
        </div>
      )}
      <div className="ov-host-head">
        <span className="ov-host-name">{host}</span>
        <span className="role-badge">{kind}</span>
        {here && <span className="here-tag">● {t('nn.packet')}</span>}
      </div>
      {node && blocks.length === 0 && (
        <div className="ov-subnet">
          <span className="muted">{t('ov.podSubnet')}</span> <span className="mono">{node.podCIDR ?? '—'}</span>
        </div>
      )}
      {node && blocks.length > 0 && (
        <div className="ov-subnet" data-testid={`ov-blocks-${host}`} title={t('ov.blocksTitle')}>
          <span className="muted">{t('ov.podBlocks')}</span> <span className="mono">{blocks.join(' · ')}</span>
        </div>
      )}
      {node && view && !vtep && !ipip && (
        <div className="ov-novtep">
          {cni.includes('host-gw') ? t('ov.noVtepHostGw') : cni.includes('flannel') ? t('ov.noVtepFlannel') : t('ov.noVtepCni', { cni })}
        </div>
      )}
      {outsideAddrs.length > 0 && <div className="ov-subnet mono" title={t('ov.answersFor')}>{outsideAddrs.join(' · ')}</div>}
      {nics.length > 1 && (
        <dl className="ov-facts ov-nic-list mono">
          {nics.map((l) => <div key={l.name}><dt>{l.name}</dt><dd>{l.addrs[0] ?? '—'}</dd></div>)}
        </dl>
      )}
      <div className="ov-nics">
        {nics.map((l) => (
          <div key={l.name} className="ov-nic mono" data-anchor={`nic:${host}:${l.name}`} title={`${l.name} ${l.addrs.join(' ')}`}>
            {l.name}{nics.length === 1 && <span className="muted"> {l.addrs[0] ?? ''}</span>}
          </div>
        ))}
      </div>
    </div>
  );
}
