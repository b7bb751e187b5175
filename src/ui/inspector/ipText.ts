/** How iproute2 prints one interface (`ip addr show dev X`), from the Node network view's data. */
import type { LinkView } from '../../engine/sim/snapshot';

/** The broadcast address iproute2 shows for an IPv4 CIDR (none for /31, /32 and loopback). */
export function broadcast(cidr: string): string | undefined {
  const [ip, len] = cidr.split('/');
  const prefix = Number(len);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || prefix >= 31 || ip.startsWith('127.')) return undefined;
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const host = 2 ** (32 - prefix) - 1;
  const b = n - (n % (host + 1)) + host;
  return [24, 16, 8, 0].map((sh) => Math.floor(b / 2 ** sh) % 256).join('.');
}

/** `ip addr show` of one link, as iproute2 prints it (the "YAML" of an interface). */
export function ipAddrText(l: LinkView, index: number): string {
  const flags = [...(l.kind === 'loopback' ? ['LOOPBACK'] : ['BROADCAST', 'MULTICAST']), ...(l.up ? ['UP', 'LOWER_UP'] : [])].join(',');
  // (A veth's `@ifN` suffix is left out: the peer's ifindex is not in the view; the peer is linked above.)
  const lines = [`${index}: ${l.name}: <${flags}> mtu ${l.mtu} qdisc ${l.kind === 'ether' ? 'fq_codel' : 'noqueue'}${l.master ? ` master ${l.master}` : ''} state ${l.up ? (l.kind === 'loopback' ? 'UNKNOWN' : 'UP') : 'DOWN'}`];
  lines.push(`    link/${l.kind === 'loopback' ? 'loopback' : 'ether'} ${l.mac} brd ${l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'}`);
  if (l.vxlan) lines.push(`    vxlan id ${l.vxlan.vni} local ${l.vxlan.local} dev ${l.vxlan.dev} dstport ${l.vxlan.dstport} nolearning`);
  for (const a of l.addrs) {
    const b = broadcast(a);
    lines.push(`    inet ${a}${b ? ` brd ${b}` : ''} scope ${a.startsWith('127.') ? 'host' : 'global'} ${l.name}`);
  }
  return lines.join('\n');
}
