/** One interface as the diagram draws it: name, kind, addresses and the facts that matter for it. */
import type { KeyboardEvent } from 'react';
import type { LinkView } from '../../engine/sim/snapshot';
import { t, useT } from '../i18n';
import { useUi } from '../store';
import { select } from '../actions';
import { shownNode } from './model';

const KIND: Record<LinkView['kind'], string> = {
  loopback: 'lo',
  ether: 'NIC',
  veth: 'veth',
  bridge: 'Bridge',
  vxlan: 'VXLAN',
  dummy: 'dummy',
  ipip: 'IPIP',
};

/** The kind as shown; only "bridge" is a word that changes with the language. */
function kindLabel(kind: LinkView['kind']): string {
  return kind === 'bridge' ? t('nn.bridge') : KIND[kind];
}

function facts(link: LinkView, note?: string): string[] {
  if (link.vxlan) return [`VNI ${link.vxlan.vni} · local ${link.vxlan.local}:${link.vxlan.dstport}`, `${t('nn.over', { dev: link.vxlan.dev })} · MTU ${link.mtu}`];
  if (link.kind === 'ether') return [`MTU ${link.mtu} · ${link.mac}`];
  if (link.kind === 'loopback') return [];
  return [[`MTU ${link.mtu}`, note].filter(Boolean).join(' · ')];
}

interface Props {
  link: LinkView;
  anchorKey: string;
  testId: string;
  active: boolean;
  /** Extra fact, e.g. where the other end of a veth is. */
  note?: string;
}

export function LinkChip({ link, anchorKey, testId, active, note }: Props) {
  const t = useT();
  const compact = link.kind === 'loopback';
  const label = `${link.name}, ${link.kind === 'loopback' ? 'loopback' : kindLabel(link.kind)}${link.addrs.length ? `, ${link.addrs.join(', ')}` : ''}${note ? `, ${note}` : ''}${link.up ? '' : ', DOWN'}${active ? `, ${t('nn.packetHere')}` : ''}`;
  const inlineAddr = link.addrs.length === 1 ? link.addrs[0] : undefined;
  // anchorKey is `netns|ifname`: with the machine in front it is the interface's selection id.
  const selId = `${useUi(shownNode)}|${anchorKey}`;
  const selected = useUi((s) => s.view.selected?.kind === 'iface' && s.view.selected.id === selId);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select('iface', selId);
    }
  };
  return (
    <div
      className={`nn-link k-${link.kind} ${active ? 'trace-here' : ''} ${link.up ? '' : 'down'} ${compact ? 'compact' : ''} ${selected ? 'selected' : ''}`}
      data-anchor={anchorKey}
      data-testid={testId}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      title={label}
      onClick={() => select('iface', selId)}
      onKeyDown={onKey}
    >
      <div className="nn-link-head">
        <span className="nn-link-name mono">{link.name}</span>
        {!compact && <span className="nn-kind">{kindLabel(link.kind)}</span>}
        {inlineAddr && <span className="nn-addr mono">{inlineAddr}</span>}
        {!link.up && <span className="nn-down">DOWN</span>}
        {active && <span className="here-tag" aria-hidden="true">●</span>}
        {/* A button's name is its visible text (axe: label-content-name-mismatch); what only the colour says is added for screen readers. */}
        {active && <span className="sr-only">, {t('nn.packetHere')}</span>}
      </div>
      {link.addrs.length > 1 && <div className="nn-addr mono">{link.addrs.join(' ')}</div>}
      {facts(link, note).map((f) => <div key={f} className="nn-fact mono">{f}</div>)}
    </div>
  );
}
