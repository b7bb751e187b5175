/**
 * `tcpdump -n -i IFACE|any [-c N] [-evqt#] [-s SNAPLEN] [expression]`: prints, in tcpdump's own format,
 * the frames that crossed the interface since the last tcpdump on it (the capture log keeps
 * the last 500 frames per namespace). Nodes have tcpdump; busybox pods do not.
 */
import { readSince, type Captured } from '../net/capture';
import type { Packet } from '../net/packet';
import { SIM_EPOCH_MS } from '../sim/time';
import { fnv1a32 } from '../sim/hash';
import { compileFilter, type Filter } from './tcpdumpFilter';
import { fail, ok, type Command } from './types';
import { parseTcpdump, type TcpdumpOptions } from './tcpdumpOptions';

export const tcpdump: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: tcpdump: not found', 127);
  // getopt_long: `-nvi eth0` is `-n -v -i eth0`, `-c5` is `-c 5`, options may follow the expression.
  const o = parseTcpdump(args);
  if ('error' in o) return fail(o.error);
  if (o.info !== undefined) return ok(o.info);
  const { count } = o;
  const ns = env.target.ns;
  // Without -i, tcpdump picks the first interface that is up and not loopback.
  const iface = o.iface ?? ns.links.find((l) => l.up && l.name !== 'lo')?.name ?? 'lo';
  if (iface !== 'any' && !ns.links.some((l) => l.name === iface)) return fail(`tcpdump: ${iface}: No such device exists\n(SIOCGIFHWADDR: No such device)`);
  let filter: Filter = () => true;
  if (o.expression.length > 0) {
    const f = compileFilter(o.expression.join(' '));
    if (typeof f === 'string') return fail(`tcpdump: ${f}`);
    filter = f;
  }
  const { frames } = readSince(env.ctx.net, ns.id, iface);
  const matching = frames.filter((f) => filter(f));
  const shown = count === undefined ? matching : matching.slice(0, count);
  const out: string[] = [];
  // The notice is left out with -v or -w, but its "tcpdump: " prefix stays, as in tcpdump.c.
  const quiet = o.verbose > 0 || o.write !== undefined;
  if (!quiet) out.push('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
  const link = iface === 'any' ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)';
  out.push(`${quiet ? 'tcpdump: ' : ''}listening on ${iface}, link-type ${link}, snapshot length ${o.snaplen} bytes`);
  // With -w the packets go to the file (the playground keeps none), only the counts are printed.
  if (o.write === undefined) {
    const print = { any: iface === 'any', ether: o.ether, verbose: o.verbose > 0, quick: o.quick };
    shown.forEach((f, i) => {
      const lines = frameLines(f, print);
      lines[0] = `${o.number ? `${String(i + 1).padStart(5)}  ` : ''}${stamp(o, f.us, shown[i - 1]?.us ?? f.us, shown[0].us)}${lines[0]}`;
      out.push(...lines);
    });
  }
  // The playground replays what was captured instead of waiting. Without -c (or with fewer
  // packets than -c asked for) a real tcpdump runs until interrupted: the terminal echoes ^C
  // and tcpdump prints a newline, then its statistics; after -c N packets it just stops.
  if (count === undefined || matching.length < count) out.push('^C');
  const plural = (n: number): string => (n === 1 ? '' : 's');
  out.push(`${shown.length} packet${plural(shown.length)} captured`, `${matching.length} packet${plural(matching.length)} received by filter`, '0 packets dropped by kernel');
  return ok(out.join('\n'));
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** HH:MM:SS.uuuuuu of a count of µs (a time of day, or a delta with -ttt / -ttttt). */
function hms(us: number): string {
  const s = Math.floor(us / 1e6);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(us % 1e6, 6)}`;
}

/** The time stamp that starts a packet line, as -t ... -ttttt choose it (ts_print in print.c). */
function stamp(o: TcpdumpOptions, us: number, prevUs: number, firstUs: number): string {
  const epochUs = SIM_EPOCH_MS * 1000 + us;
  const day = Math.floor(epochUs / 86_400e6) * 86_400e6;
  switch (o.tstamp) {
    case 1:
      return '';
    case 2:
      return `${Math.floor(epochUs / 1e6)}.${pad(epochUs % 1e6, 6)} `;
    case 3:
      return `${hms(us - prevUs)} `;
    case 4:
      return `${new Date(day / 1000).toISOString().slice(0, 10)} ${hms(epochUs - day)} `;
    case 5:
      return `${hms(us - firstUs)} `;
    default:
      return `${hms(epochUs - day)} `;
  }
}

export interface PrintOptions {
  /** Captured on the "any" pseudo-device: interface and direction columns. */
  any: boolean;
  ether: boolean;
  verbose: boolean;
  quick: boolean;
}

/** One captured frame as tcpdump prints it, after its time stamp (a VXLAN packet adds its inner frame on the next line). */
export function frameLines(f: Captured, o: PrintOptions): string[] {
  const head = o.any ? `${f.ifname.padEnd(5)} ${f.dir.padEnd(3)} ` : '';
  const ether = o.ether && !o.any;
  if (f.arp) {
    const a = f.arp;
    const body = a.op === 'request' ? `Request who-has ${a.targetIp} tell ${a.senderIp}, length 28` : `Reply ${a.senderIp} is-at ${a.lladdr}, length 28`;
    return [ether ? `${head}${a.srcMac} > ${a.dstMac}, ethertype ARP (0x0806), length 42: ${body}` : `${head}ARP, ${body}`];
  }
  return packetLines(f.pkt!, head, { ...o, ether });
}

function packetLines(p: Packet, head: string, o: PrintOptions): string[] {
  const eth = o.ether && p.eth ? `${p.eth.src} > ${p.eth.dst}, ethertype IPv4 (0x0800), length ${p.ip.length + 14}: ` : '';
  const ipHead = o.verbose ? `IP (tos 0x0, ttl ${p.ip.ttl}, id ${p.ip.id}, offset 0, flags [${p.ip.df ? 'DF' : 'none'}], proto ${protoName(p)}, length ${p.ip.length})\n    ` : 'IP ';
  if (p.ipip && p.inner) {
    return [`${head}${eth}${ipHead}${p.ip.src} > ${p.ip.dst}: ${packetLines(p.inner, '', { ...o, ether: false })[0]}`];
  }
  const l4 = p.l4;
  const ports = l4.proto === 'icmp' ? '' : `.${l4.sport}`;
  const dports = l4.proto === 'icmp' ? '' : `.${l4.dport}`;
  // -q: TCP and UDP print only their payload length, no flags and no DNS or VXLAN decode.
  const quick = l4.proto === 'tcp' ? 'tcp 0' : `UDP, length ${p.ip.length - 28}`;
  const line = `${head}${eth}${ipHead}${p.ip.src}${ports} > ${p.ip.dst}${dports}: ${o.quick && l4.proto !== 'icmp' ? quick : payload(p)}`;
  if (p.vxlan && p.inner && !o.quick) return [line, ...packetLines(p.inner, '', o)];
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
