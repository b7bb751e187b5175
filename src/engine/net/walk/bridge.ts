// Linux bridge forwarding: FDB lookup and learning, hairpin, br_netfilter's hooks on bridged frames.
import type { Packet } from '../packet';
import type { Link, NetNs } from '../types';
import { dropped, hook } from './hooks';
import type { Walk } from './state';
import { COST, type Pos } from './types';

/** Bridge forwarding: FDB lookup, learning on a miss (flood), br_netfilter FORWARD. */
export function bridgeForward(w: Walk, ns: NetNs, br: Link, pkt: Packet, inPort: Link | undefined): Pos {
  const dst = pkt.eth!.dst;
  br.fdb = br.fdb ?? [];
  let entry = br.fdb.find((f) => f.mac === dst);
  let how = 'FDB hit';
  if (!entry) {
    // Unknown unicast is flooded to every port; the owner's answer teaches the bridge.
    const port = ns.links.find((p) => p.master === br.name && p.name !== inPort?.name && peerMac(w, p) === dst);
    if (!port) return w.drop(ns, 'bridge', `${br.name}: no port leads to ${dst}`, pkt, br.name);
    entry = { mac: dst, port: port.name, permanent: false };
    br.fdb.push(entry);
    how = 'FDB miss: flooded, then learned';
  }
  const out = w.net.link(ns, entry.port!)!;
  const hp = w.hairpinFrom;
  w.hairpinFrom = undefined;
  if (!inPort && hp && hp.ns === ns.id && hp.br === br.name && hp.port === out.name) {
    // br_netfilter DNAT'ed the frame and bridges it back: the bridge only sends a frame out of the port it came in on with hairpin on.
    const decided = `${out.name}: master ${br.name} hairpin ${out.hairpin ? 'on' : 'off'}`;
    if (!out.hairpin) return w.drop(ns, 'bridge', `${br.name} would send the frame back out of ${out.name}, the port it came in on: hairpin mode is off on ${out.name} (bridge link set dev ${out.name} hairpin on)`, pkt, br.name, decided);
    w.step(ns, 'bridge', `${br.name} sends the frame back out of ${out.name}, the port it came in on (hairpin mode is on)`, pkt, pkt, COST.bridge, br.name, decided);
    return { at: 'l2-out', ns, dev: out, pkt };
  }
  let cur = pkt;
  if (inPort && ns.sysctl['net.bridge.bridge-nf-call-iptables'] === '1') {
    // br_netfilter: bridged IPv4 frames traverse PREROUTING, FORWARD and POSTROUTING too.
    for (const h of ['PREROUTING', 'FORWARD', 'POSTROUTING'] as const) {
      const next = hook(w, ns, h, cur, br.name, h === 'PREROUTING' ? undefined : br.name);
      if (!next) return dropped(w);
      cur = next;
    }
  }
  w.step(ns, 'bridge', `${br.name} forwards ${dst} out of port ${out.name} (${how})`, cur, cur, COST.bridge, br.name, `${dst} dev ${out.name} master ${br.name}`);
  return { at: 'l2-out', ns, dev: out, pkt: cur };
}

function peerMac(w: Walk, port: Link): string | undefined {
  if (!port.peer) return undefined;
  const pn = w.net.namespaces.get(port.peer.ns);
  return pn && w.net.link(pn, port.peer.ifname)?.mac;
}
