/**
 * The Overlay view: each node's pod subnet and VTEP, the VXLAN tunnels between the VTEPs (read
 * from the nodes' routes, neighbours and FDBs) or host-gw routes, and the underlay segments the
 * packets really travel on.
 */
import { useMemo, useRef } from 'react';
import '../styles/netview.css';
import { useUi } from '../store';
import { currentStep } from '../graph/traceFocus';
import { machines } from '../netview/model';
import { useNodeNetworks } from '../netview/useNodeNetwork';
import { Wires, type Wire } from '../netview/Wires';
import { FitBox } from '../netview/FitBox';
import { segName } from '../netview/segName';
import { HostCard } from './HostCard';
import { TunnelTable } from './TunnelTable';
import { activeTunnel, peerLinks, peerPaths, segmentRows, tunnelHops } from './model';
import { translate, useT } from '../i18n';
import { cidrContains } from '../../engine/net/ip';

export default function OverlayPanel() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const snap = useUi((s) => s.snapshot)!;
  const step = useUi(currentStep);
  const { cluster, outside } = useMemo(() => machines(snap), [snap]);
  const hosts = useMemo(() => [...cluster, ...outside], [cluster, outside]);
  const views = useNodeNetworks(hosts);
  const ref = useRef<HTMLDivElement>(null);
  const active = activeTunnel(step, snap);
  const loaded = cluster.every((n) => views[n]);
  const paths = useMemo(() => (loaded ? peerPaths(cluster.map((n) => views[n]!), snap, lang) : []), [loaded, cluster, views, snap, lang]);
  const links = useMemo(() => peerLinks(paths, lang), [paths, lang]);
  const segs = useMemo(() => segmentRows(snap, hosts), [snap, hosts]);

  const wires = useMemo(() => {
    const tr = (key: 'ov.routes' | 'ov.inUse' | 'ov.tunnelTitle' | 'ov.hostGwTitle' | 'ov.ipipTitle') => translate(lang, key);
    const w: Wire[] = links.map((l) => {
      const key = `${l.a}|${l.b}`;
      const on = active === key;
      // A tunnel (VXLAN, or Calico's IPIP) is drawn between the tunnel devices; plain routes between the hosts.
      const vx = l.kind === 'vxlan' || l.kind === 'ipip';
      return {
        id: `${l.kind}:${key}`,
        from: vx ? `vtep:${l.a}` : `top:${l.a}`,
        to: vx ? `vtep:${l.b}` : `top:${l.b}`,
        shape: 'arc',
        className: `${vx ? 'tunnel' : 'route'} ${on ? 'active' : ''} ${l.problem ? 'broken' : ''}`,
        label: `${l.problem ? '⚠ ' : ''}${l.a} ⇄ ${l.b}${l.kind === 'ipip' ? ' · IPIP' : vx ? '' : ` · ${tr('ov.routes')}`}${on ? ` · ${tr('ov.inUse')}` : ''}`,
        labelTestId: vx ? `ov-tunnel-${l.a}-${l.b}` : `ov-route-${l.a}-${l.b}`,
        testId: vx ? `ov-tunnel-path-${l.a}-${l.b}` : `ov-route-path-${l.a}-${l.b}`,
        title: l.problem ?? tr(l.kind === 'ipip' ? 'ov.ipipTitle' : vx ? 'ov.tunnelTitle' : 'ov.hostGwTitle'),
      };
    });
    for (const s of segs) {
      for (const p of s.ports) {
        const on = step?.stage === 'wire' && step.at.kind === 'segment' && step.at.id === s.seg.id && step.host === p.host;
        w.push({ id: `cable:${s.seg.id}:${p.host}`, from: `nic:${p.host}:${p.ifname}`, to: `port:${s.seg.id}:${p.host}`, className: `cable ${on ? 'active' : ''}` });
      }
    }
    return w;
  }, [links, segs, active, step, lang]);

  // The tunnel end the packet is using: the encapsulating node's entries for its peer.
  const hops = tunnelHops(step, snap);
  // With Calico a peer has several blocks: the path whose subnet holds the inner destination.
  const innerDst = (step?.after.inner ?? step?.before.inner)?.ip.dst;
  const pair = hops ? paths.filter((p) => p.from === hops[0] && p.to === hops[1]) : [];
  const inUse = pair.find((p) => innerDst && cidrContains(p.subnet, innerDst)) ?? pair[0];
  const problems = paths.filter((p) => p.problem).length;
  const hostHere = (h: string) => step?.host === h && step.at.kind !== 'segment';
  return (
    <div className="ov-panel" data-testid="overlay">
      <FitBox className="ov-scroll" min={0.7} focusKey={step ? `${step.n}:${step.leg}` : undefined}>
        <div className="ov-grid" ref={ref} style={{ ['--cols-n' as string]: cluster.length, ['--cols-o' as string]: outside.length }}>
          {hosts.map((h, i) => (
            <HostCard key={h} host={h} col={i} cni={snap.cni} node={snap.nodes.find((n) => n.name === h)} view={views[h]} here={hostHere(h)} />
          ))}
          {segs.map((s) => {
            const here = step?.at.kind === 'segment' && step.at.id === s.seg.id;
            return (
              <div
                key={s.seg.id}
                className={`ov-seg ${here ? 'trace-here' : ''}`}
                style={{ gridColumn: `${s.start + 1} / ${s.end + 2}`, gridRow: s.row + 2 }}
                data-testid={`ov-segment-${s.seg.id}`}
                role="group"
                aria-label={`${segName(s.seg.description, t)} ${s.seg.cidr}: ${s.seg.members.map((m) => `${m.host} ${m.ifname} ${m.ip ?? ''}`).join(', ')}`}
              >
                <div className="ov-seg-line" aria-hidden="true" />
                {Array.from({ length: s.end - s.start + 1 }, (_, k) => s.start + k).map((c) => (
                  <div key={c} className="ov-seg-cell" style={{ gridColumn: c - s.start + 1 }}>
                    {s.ports.filter((p) => p.col === c).map((p) => (
                      <span key={p.host} className="ov-port" data-anchor={`port:${s.seg.id}:${p.host}`} title={`${p.host} ${p.ifname} ${p.ip ?? ''}`} />
                    ))}
                  </div>
                ))}
                <div className="ov-seg-caption">
                  <span>{segName(s.seg.description, t)}</span> <span className="mono">{s.seg.cidr}</span>
                  {here && <span className="here-tag"> ● {t('ov.packetOnWire')}</span>}
                </div>
              </div>
            );
          })}
          <Wires root={ref} wires={wires} />
        </div>
      </FitBox>
      <section className="ov-tunnels" aria-label={t('ov.howSection')}>
        {inUse && (
          <p className="ov-inuse" data-testid="ov-in-use">
            <span className="here-tag">● {t('ov.inUse')}</span> <strong>{inUse.from} → {inUse.to}</strong>: <span className="mono">{inUse.route ?? '—'}</span>
            {inUse.kind === 'vxlan' && (
              <>
                {' '}
                <span aria-hidden="true">→</span> <span className="mono">{inUse.neigh ?? '—'}</span> <span aria-hidden="true">→</span> <span className="mono">{inUse.fdb ?? '—'}</span>
              </>
            )}
          </p>
        )}
        <details className="ov-details">
          <summary>
            {t(problems ? 'ov.summaryProblems' : 'ov.summary', { how: t(links.some((l) => l.kind === 'vxlan') ? 'ov.howVxlan' : links.some((l) => l.kind === 'ipip') ? 'ov.howIpip' : 'ov.howRoutes'), n: paths.length, p: problems })}
          </summary>
          <TunnelTable paths={paths} active={inUse} />
        </details>
      </section>
    </div>
  );
}
