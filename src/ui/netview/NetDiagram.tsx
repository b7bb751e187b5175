/**
 * One machine's network as Linux builds it: pod (and hand-made) namespaces on top, each joined
 * by a veth pair to a port of the cni0 bridge in the root namespace; the root namespace's IP
 * stack; its VTEP and NICs; and the segments the NICs are cabled to. Columns line up so a
 * veth pair is a straight line from the pod's eth0 to its host-side port.
 */
import { select } from '../actions';
import { ifaceId } from '../inspector/selection';
import { useMemo, useRef } from 'react';
import type { NodeNetworkView, Snapshot } from '../../engine/sim/snapshot';
import type { TraceStep } from '../../engine/net/trace';
import { LinkChip } from './LinkChip';
import { NetnsBox } from './NetnsBox';
import { Wires, type Wire } from './Wires';
import { FitBox } from './FitBox';
import { segName } from './segName';
import { TablesButton } from './TablesButton';
import { anchor, layoutNetwork, podName } from './model';
import { useT } from '../i18n';

const L3_STAGES = /^(route|arp|xmit|icmp|deliver|conntrack|local|input|output|forward|raw|mangle|nat|filter)/;

interface Props {
  view: NodeNetworkView;
  snap: Snapshot;
  step?: TraceStep;
  focus?: string;
  onFocusNs: (id: string) => void;
}

export function NetDiagram({ view, snap, step, focus, onFocusNs }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const lay = useMemo(() => layoutNetwork(view), [view]);
  const root = lay.root;
  const inRoot = step?.netns === root.id ? step : undefined;
  const devActive = (name: string) => !!inRoot && (inRoot.device === name || (inRoot.stage === 'bridge' && !!inRoot.decidedBy?.includes(` dev ${name} master `)));

  const wires = useMemo(() => {
    const w: Wire[] = [];
    for (const c of lay.top) {
      if (!c?.inner || !c.outer) continue;
      const on = !!step && step.stage === 'veth' && ((step.netns === c.ns.id && step.device === c.inner.name) || (step.netns === root.id && step.device === c.outer.name));
      w.push({ id: `veth:${c.outer.name}`, from: anchor(c.ns.id, c.inner.name), to: anchor(root.id, c.outer.name), className: `veth ${on ? 'active' : ''}`, testId: `nn-wire-${c.outer.name}` });
    }
    for (const s of lay.sideLinks) w.push({ id: `side:${s.a}`, from: s.a, to: s.b, className: 'veth' });
    for (const n of lay.nics) {
      const dev = n.link.vxlan?.dev;
      if (dev && root.links.some((l) => l.name === dev)) {
        const on = !!step && step.netns === root.id && (step.stage === 'vxlan-encap' || step.stage === 'vxlan-decap');
        w.push({ id: `encap:${n.link.name}`, from: anchor(root.id, n.link.name), to: anchor(root.id, dev), className: `encap ${on ? 'active' : ''}` });
      }
      if (n.link.segment) {
        const on = step?.stage === 'wire' && step.netns === root.id && step.device === n.link.name;
        w.push({ id: `cable:${n.link.name}`, from: anchor(root.id, n.link.name), to: `seg:${n.link.segment}`, className: `cable ${on ? 'active' : ''}` });
      }
    }
    return w;
  }, [lay, root, step]);

  const rootHere = !!inRoot;
  const rootFocused = focus === root.id;
  const stackHere = !!inRoot && L3_STAGES.test(inRoot.stage);
  const sysctl = Object.entries(view.sysctl);

  return (
    <FitBox className="nn-scroll" testId="nn-diagram" focusKey={step ? `${step.n}:${step.leg}` : undefined}>
      <div className="nn-grid" ref={ref} style={{ ['--cols' as string]: lay.cols }}>
        {lay.top.map((c, i) => (c ? <NetnsBox key={c.ns.id} ns={c.ns} step={step} col={i} focused={focus === c.ns.id} onFocusNs={onFocusNs} /> : null))}
        {lay.top.every((c) => !c) && (
          <div className="nn-none" style={{ gridColumn: '1 / -1' }}>
            {t(view.namespaces[0].kind === 'host' ? 'nn.noNamespacesYet' : 'nn.noNamespaces', { node: view.node })}
          </div>
        )}

        <div
          className={`nn-root ${rootHere ? 'trace-here' : ''} ${rootFocused ? 'focused' : ''}`}
          data-testid="nn-ns-root"
          data-netns={root.id}
          aria-hidden="true"
          onClick={() => onFocusNs(root.id)}
        />
        <div className="nn-root-head" role="group" aria-label={`${t('nn.rootGroup', { node: view.node })}${rootHere ? `, ${t('nn.packetHere')}` : ''}`}>
          <span className="nn-ns-icon" aria-hidden="true">■</span>
          <span className="nn-ns-label">{t('nn.rootLabel', { node: view.node })}</span>
          {rootHere && <span className="here-tag" aria-hidden="true">● {t('nn.packet')}</span>}
          <TablesButton label={t('nn.rootOf', { node: view.node })} focused={rootFocused} onClick={() => onFocusNs(root.id)} />
        </div>

        {lay.bridges.map((b) => (
          <div
            key={b.link.name}
            className={`nn-bridge ${devActive(b.link.name) ? 'trace-here' : ''} ${b.link.up ? '' : 'down'}`}
            style={{ gridColumn: `${b.start + 1} / span ${b.span}` }}
            data-anchor={anchor(root.id, b.link.name)}
            aria-hidden="true"
          />
        ))}
        {lay.bridges.map((b) => (
          <div
            key={`label:${b.link.name}`}
            className="nn-bridge-label"
            style={{ gridColumn: `${b.start + 1} / span ${b.span}` }}
            data-testid={`nn-dev-${b.link.name}`}
            role="button"
            tabIndex={0}
            onClick={() => select('iface', ifaceId(view.node, root.id, b.link.name))}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select('iface', ifaceId(view.node, root.id, b.link.name)))}
            title={`${t('nn.bridgeLabel', { name: b.link.name, addrs: b.link.addrs.join(' ') })}${b.link.up ? '' : ', DOWN'}${devActive(b.link.name) ? `, ${t('nn.packetHere')}` : ''}`}
          >
            <span className="nn-link-name mono">{b.link.name}</span>
            <span className="nn-kind">{t('nn.bridge')}</span>
            {!b.link.up && <span className="nn-down">DOWN</span>}
            <span className="nn-addr mono">{b.link.addrs.join(' ') || t('nn.noAddress')}</span>
            <span className="nn-fact mono">MTU {b.link.mtu} · {b.link.mac}</span>
            {devActive(b.link.name) && <span className="here-tag">● {t('nn.packet')}</span>}
          </div>
        ))}
        {lay.ports.map((p) => {
          const c = lay.top[p.col];
          const peer = c?.ns ? `⇄ ${c.ns.kind === 'pod' ? podName(c.ns) : c.ns.label.replace(/^netns /, '')} ${c.inner?.name ?? ''}` : undefined;
          return (
            <div key={p.link.name} className="nn-port" style={{ gridColumn: p.col + 1 }}>
              <LinkChip link={p.link} anchorKey={anchor(root.id, p.link.name)} testId={`nn-dev-${p.link.name}`} active={devActive(p.link.name)} note={peer ?? (p.link.master ? t('nn.portOf', { master: p.link.master }) : undefined)} />
            </div>
          );
        })}

        <div className={`nn-stack ${stackHere ? 'trace-here' : ''}`} data-testid="nn-stack">
          <span className="nn-stack-title">{t('nn.ipStack')}</span>
          <span>{t('nn.stackParts')}</span>
          {sysctl.map(([k, v]) => (
            <span key={k} className="mono nn-sysctl">{k.replace(/^net\.(ipv4|bridge)\./, '')}={v}</span>
          ))}
          {stackHere && <span className="here-tag">● {t('nn.packetAt', { stage: inRoot?.stage ?? '' })}</span>}
        </div>

        {lay.nics.map((n) => (
          <div key={n.link.name} className="nn-nic" style={{ gridColumn: n.col + 1 }}>
            <LinkChip link={n.link} anchorKey={anchor(root.id, n.link.name)} testId={`nn-dev-${n.link.name}`} active={devActive(n.link.name)} />
          </div>
        ))}

        {lay.segments.map((s) => {
          const seg = snap.segments?.find((x) => x.id === s.id);
          const others = seg?.members.filter((m) => m.host !== view.node).map((m) => m.host) ?? [];
          const here = step?.at.kind === 'segment' && step.at.id === s.id && step.host === view.node;
          return (
            <div key={s.id} className={`nn-seg ${here ? 'trace-here' : ''}`} style={{ gridColumn: s.col + 1 }} data-anchor={`seg:${s.id}`} data-testid={`nn-seg-${s.id}`}>
              <span className="nn-seg-name">{seg ? segName(seg.description, t) : s.id}</span>
              <span className="mono">{seg?.cidr}</span>
              {others.length > 0 && <span className="nn-seg-peers">{t('nn.segWith', { hosts: others.join(', ') })}</span>}
              {here && <span className="here-tag">● {t('nn.onWire')}</span>}
            </div>
          );
        })}
        <Wires root={ref} wires={wires} />
      </div>
    </FitBox>
  );
}
