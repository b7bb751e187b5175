/**
 * `tcpdump -n -i IFACE|any [-c N] [-e] [-v] [expression]`: prints, in tcpdump's own format,
 * the frames that crossed the interface since the last tcpdump on it (the capture log keeps
 * the last 500 frames per namespace). Nodes have tcpdump; busybox pods do not.
 */
import { readSince, type Captured } from '../net/capture';
import type { Packet } from '../net/packet';
import { SIM_EPOCH_MS } from '../sim/time';
import { fnv1a32 } from '../sim/hash';
import { compileFilter, type Filter } from './tcpdumpFilter';
import { fail, ok, type Command } from './types';
import { splitShortOptions } from './getopt';

const USAGE = 'Usage: tcpdump [-evn] [-c count] [-i interface] [expression]';

export const tcpdump: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: tcpdump: not found', 127);
  let iface: string | undefined;
  let count: number | undefined;
  let ether = false;
  let verbose = false;
  const expr: string[] = [];
  // getopt: `-nvi eth0` is `-n -v -i eth0`, `-c5` is `-c 5`.
  args = splitShortOptions(args, 'ic');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-i' || a === '-c') {
      const v = args[++i];
      if (v === undefined) return fail(`tcpdump: option requires an argument -- '${a[1]}'\n${USAGE}`);
      if (a === '-i') iface = v;
      else {
        count = Number(v);
        if (!Number.isInteger(count) || count <= 0) return fail(`tcpdump: invalid packet count ${v}`);
      }
    } else if (/^-[nevl]+$/.test(a)) {
      ether ||= a.includes('e');
      verbose ||= a.includes('v');
    } else if (a.startsWith('-') && a.length > 1) return fail(`tcpdump: invalid option -- '${a[1]}'\n${USAGE}`);
    else expr.push(a);
  }
  const ns = env.target.ns;
  // Without -i, tcpdump picks the first interface that is up and not loopback.
  iface ??= ns.links.find((l) => l.up && l.name !== 'lo')?.name ?? 'lo';
  if (iface !== 'any' && !ns.links.some((l) => l.name === iface)) return fail(`tcpdump: ${iface}: No such device exists\n(SIOCGIFHWADDR: No such device)`);
  let filter: Filter = () => true;
  if (expr.length > 0) {
    const f = compileFilter(expr.join(' '));
    if (typeof f === 'string') return fail(`tcpdump: ${f}`);
    filter = f;
  }
  const { frames } = readSince(env.ctx.net, ns.id, iface);
  const matching = frames.filter((f) => filter(f));
  const shown = count === undefined ? matching : matching.slice(0, count);
  const out: string[] = [];
  if (!verbose) out.push('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
  // With -v the notice is left out but its "tcpdump: " prefix stays, as in tcpdump.c.
  out.push((verbose ? 'tcpdump: ' : '') + (iface === 'any' ? 'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes' : `listening on ${iface}, link-type EN10MB (Ethernet), snapshot length 262144 bytes`));
  for (const f of shown) out.push(...frameLines(f, iface === 'any', ether, verbose));
  // The playground replays what was captured instead of waiting. Without -c (or with fewer
  // packets than -c asked for) a real tcpdump runs until interrupted: the terminal echoes ^C
  // and tcpdump prints a newline, then its statistics; after -c N packets it just stops.
  if (count === undefined || matching.length < count) out.push('^C');
  const plural = (n: number): string => (n === 1 ? '' : 's');
  out.push(`${shown.length} packet${plural(shown.length)} captured`, `${matching.length} packet${plural(matching.length)} received by filter`, '0 packets dropped by kernel');
  return ok(out.join('\n'));
};

function timestamp(us: number): string {
  const ms = SIM_EPOCH_MS + Math.floor(us / 1000);
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p(us % 1000, 3)}`;
}

/** One captured frame as tcpdump prints it (a VXLAN packet adds its inner frame on the next line). */
export function frameLines(f: Captured, any: boolean, ether: boolean, verbose: boolean): string[] {
  const head = `${timestamp(f.us)} ${any ? `${f.ifname.padEnd(5)} ${f.dir.padEnd(3)} ` : ''}`;
  if (f.arp) {
    const a = f.arp;
    const body = a.op === 'request' ? `Request who-has ${a.targetIp} tell ${a.senderIp}, length 28` : `Reply ${a.senderIp} is-at ${a.lladdr}, length 28`;
    return [ether && !any ? `${head}${a.srcMac} > ${a.dstMac}, ethertype ARP (0x0806), length 42: ${body}` : `${head}ARP, ${body}`];
  }
  return packetLines(f.pkt!, head, ether && !any, verbose);
}

function packetLines(p: Packet, head: string, ether: boolean, verbose: boolean): string[] {
  const eth = ether && p.eth ? `${p.eth.src} > ${p.eth.dst}, ethertype IPv4 (0x0800), length ${p.ip.length + 14}: ` : '';
  const ipHead = verbose ? `IP (tos 0x0, ttl ${p.ip.ttl}, id ${p.ip.id}, offset 0, flags [${p.ip.df ? 'DF' : 'none'}], proto ${protoName(p)}, length ${p.ip.length})\n    ` : 'IP ';
  if (p.ipip && p.inner) {
    return [`${head}${eth}${ipHead}${p.ip.src} > ${p.ip.dst}: ${packetLines(p.inner, '', false, verbose)[0]}`];
  }
  const l4 = p.l4;
  const ports = l4.proto === 'icmp' ? '' : `.${l4.sport}`;
  const dports = l4.proto === 'icmp' ? '' : `.${l4.dport}`;
  const line = `${head}${eth}${ipHead}${p.ip.src}${ports} > ${p.ip.dst}${dports}: ${payload(p)}`;
  if (p.vxlan && p.inner) return [line, ...packetLines(p.inner, '', ether, verbose)];
  return [line];
}

function protoName(p: Packet): string {
  if (p.ipip) return 'IPIP (4)';
  return { icmp: 'ICMP (1)', tcp: 'TCP (6)', udp: 'UDP (17)' }[p.ip.proto];
}

/** What tcpdump prints after the addresses: "ICMP echo request, id 7, seq 0, length 64". */
export function payload(p: Packet): string {
  const l4 = p.l4;
  if (l4.proto === 'icmp') {
    const len = p.ip.length - 20;
    const q = l4.quoted;
    switch (l4.type) {
      case 'echo-request':
      case 'echo-reply':
        return `ICMP echo ${l4.type === 'echo-request' ? 'request' : 'reply'}, id ${l4.id}, seq ${l4.seq}, length ${len}`;
      case 'time-exceeded':
        return `ICMP time exceeded in-transit, length ${len}`;
      case 'port-unreachable':
        return `ICMP ${q?.dst ?? p.ip.src} ${q?.proto ?? 'udp'} port ${q?.dport ?? 0} unreachable, length ${len}`;
      case 'frag-needed':
        return `ICMP ${q?.dst ?? p.ip.src} unreachable - need to frag (mtu ${l4.mtu ?? 0}), length ${len}`;
      default:
        return `ICMP host ${q?.dst ?? p.ip.src} unreachable, length ${len}`;
    }
  }
  if (l4.proto === 'tcp') return tcpPayload(l4);
  if (p.vxlan) {
    // Linux's VXLAN port 8472 is what tcpdump decodes as OTV; the IANA port 4789 as VXLAN.
    return l4.dport === 4789 ? `VXLAN, flags [I] (0x08), vni ${p.vxlan.vni}` : `OTV, flags [I] (0x08), overlay 0, instance ${p.vxlan.vni}`;
  }
  if (p.dns && (l4.dport === 53 || l4.sport === 53)) {
    const d = p.dns;
    // The DNS message's size: header, question, then (roughly) each answer and authority record.
    const name = d.qname.replace(/\.$/, '');
    const question = 12 + (name === '' ? 1 : name.length + 2) + 4;
    const a = d.answer;
    const len = question + (a ? a.records.reduce((s, r) => s + (r.startsWith('AAAA ') ? 28 : r.startsWith('A ') ? 16 : 12 + r.length), 0) + a.counts[1] * 70 : 0);
    const q = `${d.qtype}? ${d.qname.endsWith('.') ? d.qname : `${d.qname}.`}`;
    if (!d.response) return `${d.id}+ ${q} (${len})`;
    if (!a) return `${d.id} ${q} (${len})`;
    // tcpdump's ns_print: * authoritative, - recursion not available, the rcode unless NOERROR, an/ns/ar counts, the answers.
    const rcode = { NOERROR: '', NXDOMAIN: ' NXDomain', SERVFAIL: ' ServFail', REFUSED: ' Refused' }[a.rcode] ?? ` ${a.rcode}`;
    return `${d.id}${a.aa ? '*' : ''}${a.ra ? '' : '-'}${rcode} ${a.counts.join('/')}${a.records.map((r) => ` ${r}`).join(',')} (${len})`;
  }
  return `UDP, length ${p.ip.length - 28}`;
}

function tcpPayload(l4: Extract<Packet['l4'], { proto: 'tcp' }>): string {
  // Initial sequence numbers: random in the kernel, a hash of the connection here (deterministic).
  // Keyed by the client's port, which NAT keeps, so a SYN and its SYN-ACK agree on every interface.
  const isn = (side: 'client' | 'server', clientPort: number): number => fnv1a32(`${side}:${clientPort}`);
  const opts = 'options [mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7]';
  switch (l4.flags) {
    case 'S':
      return `Flags [S], seq ${isn('client', l4.sport)}, win 64240, ${opts}, length 0`;
    case 'SA':
      return `Flags [S.], seq ${isn('server', l4.dport)}, ack ${(isn('client', l4.dport) + 1) % 2 ** 32}, win 65160, ${opts.replace('ecr 0', 'ecr 1000')}, length 0`;
    case 'RA':
      return `Flags [R.], seq 0, ack ${(isn('client', l4.dport) + 1) % 2 ** 32}, win 0, length 0`;
    default:
      return `Flags [${l4.flags.replace('A', '.')}], length 0`;
  }
}
