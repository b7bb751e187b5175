/**
 * A packet as protocol layers for the PDU table, each field compared with the packet before
 * the step. Encapsulation is matched up layer by layer: after VXLAN encap the inner frame is
 * compared with the original frame and the outer headers are new; after decap the other way.
 */
import type { Packet } from '../../engine/net/packet';
import type { MessageKey } from '../i18n';

export interface PduField {
  key: string;
  value: string;
  changed: boolean;
  /** Value before the step, when it differed and the header existed before. */
  was?: string;
}

export interface PduLayer {
  name: string;
  fields: PduField[];
  /** The whole header is new in this step (built by ARP/neighbour resolution or encapsulation). */
  added: boolean;
}

type Flat = Record<string, string>;

function ethFields(p: Packet): Flat | undefined {
  return p.eth ? { src: p.eth.src, dst: p.eth.dst, type: p.eth.type } : undefined;
}

function ipFields(p: Packet): Flat {
  return { src: p.ip.src, dst: p.ip.dst, ttl: String(p.ip.ttl), proto: p.ip.proto, len: String(p.ip.length), id: String(p.ip.id) };
}

function l4Fields(p: Packet): [string, Flat] {
  const l = p.l4;
  if (l.proto === 'icmp') return ['ICMP', { type: l.type, id: String(l.id), seq: String(l.seq) }];
  if (l.proto === 'udp') return ['UDP', { sport: String(l.sport), dport: String(l.dport) }];
  return ['TCP', { sport: String(l.sport), dport: String(l.dport), flags: l.flags }];
}

/** The plain (un-encapsulated) layers of a packet, keyed like the engine's `changed` names. */
function plainLayers(p: Packet): { key: string; name: string; fields: Flat | undefined }[] {
  const [l4Name, l4] = l4Fields(p);
  return [
    { key: 'eth', name: 'Ethernet', fields: ethFields(p) },
    { key: 'ip', name: 'IPv4', fields: ipFields(p) },
    { key: 'l4', name: l4Name, fields: l4 },
  ];
}

function compare(name: string, after: Flat | undefined, before: Flat | undefined, forced: (k: string) => boolean): PduLayer | undefined {
  if (!after) return undefined;
  const fields = Object.entries(after).map(([key, value]) => {
    const old = before?.[key];
    const changed = old !== value || forced(key);
    return { key, value, changed, was: changed && old !== undefined && old !== value ? old : undefined };
  });
  return { name, fields, added: !before };
}

export function pduLayers(after: Packet, before: Packet, changed: string[]): { layers: PduLayer[]; note?: MessageKey } {
  const forced = (prefix: string) => (k: string) => changed.includes(`${prefix}.${k}`) || changed.includes(prefix);
  const layers: PduLayer[] = [];
  const push = (l: PduLayer | undefined) => l && layers.push(l);

  if (after.vxlan && after.inner) {
    const outerBefore = before.vxlan ? before : undefined;
    for (const l of plainLayers(after)) push(compare(`Outer ${l.name}`, l.fields, outerBefore && plainLayers(outerBefore).find((b) => b.key === l.key)?.fields, outerBefore ? forced(l.key) : () => false));
    push(compare('VXLAN', { vni: String(after.vxlan.vni) }, before.vxlan ? { vni: String(before.vxlan.vni) } : undefined, () => false));
    const innerBefore = before.vxlan && before.inner ? before.inner : before;
    const prev = plainLayers(innerBefore);
    for (const l of plainLayers(after.inner)) push(compare(`Inner ${l.name}`, l.fields, prev.find((b) => b.key === l.key)?.fields, () => false));
    return { layers, note: before.vxlan ? undefined : 'trace.encapsulated' };
  }
  if (after.ipip && after.inner) {
    // IP-in-IP: an outer IPv4 header (protocol 4) around the inner IP packet, no extra L2 inside.
    const outerBefore = before.ipip ? before : undefined;
    const outerIp = (p: Packet): Flat => ({ ...ipFields(p), proto: 'ipip (4)' });
    push(compare('Outer Ethernet', ethFields(after), outerBefore && ethFields(outerBefore), outerBefore ? forced('eth') : () => false));
    push(compare('Outer IPv4', outerIp(after), outerBefore && outerIp(outerBefore), outerBefore ? forced('ip') : () => false));
    const prev = plainLayers(before.ipip && before.inner ? before.inner : before);
    for (const l of plainLayers(after.inner).slice(1)) push(compare(`Inner ${l.name}`, l.fields, prev.find((b) => b.key === l.key)?.fields, () => false));
    return { layers, note: before.ipip ? undefined : 'trace.ipipEncapsulated' };
  }
  const base = (before.vxlan || before.ipip) && before.inner ? before.inner : before;
  const prev = plainLayers(base);
  for (const l of plainLayers(after)) push(compare(l.name, l.fields, prev.find((b) => b.key === l.key)?.fields, forced(l.key)));
  return { layers, note: before.vxlan || before.ipip ? 'trace.decapsulated' : undefined };
}
