/**
 * ping: each echo request is a real walk through the model. Pods run busybox's ping, nodes
 * iputils' ping; both print their own formats.
 */
import { isIPv4 } from '../net/ip';
import { echoRequest } from '../net/packet';
import { resolveName } from '../coredns/stub';
import { lookupRoute, type RouteDecision } from '../net/routing';
import { fail, ok, type Command } from './types';
import { parsePing, type PingOptions } from './pingOptions';

/** The most echoes one ping sends here; past it the simulated user presses ^C. */
const MAX_ECHOES = 100;

/** iputils' words for the ICMP errors it reports (ping_common.c / ping.c pr_icmph). */
const ICMP_ERROR_TEXT = {
  'frag-needed': 'Frag needed and DF set',
  'port-unreachable': 'Destination Port Unreachable',
  'host-unreachable': 'Destination Host Unreachable',
  'time-exceeded': 'Time to live exceeded',
} as const;

export const ping: Command = (args, env) => {
  const busybox = env.target.kind === 'pod';
  const o = parsePing(args, busybox);
  if (!('dst' in o)) return o.code === 0 ? ok(o.out) : fail(o.out, o.code);
  const { size, pmtu, quiet, intervalMs, count, deadline } = o;
  let dst = o.dst;
  const noDevice = o.iface !== undefined && !env.target.ns.links.some((l) => l.name === o.iface);
  if (noDevice && !busybox) return fail(`ping: SO_BINDTODEVICE ${o.iface}: No such device`, 2);
  // A name goes through the resolver (a DNS query walks to the nameserver first).
  const r = resolveName(env, dst, 'ping');
  if ('error' in r) return fail(busybox ? `ping: bad address '${dst}'` : `ping: ${dst}: ${r.error === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}`, busybox ? 1 : 2);
  // -6: the cluster is IPv4-only, so getaddrinfo(AF_INET6) finds no address.
  if (o.ipv6) return fail(busybox ? `ping: bad address '${dst}'` : `ping: ${dst}: ${isIPv4(dst) ? 'Address family for hostname not supported' : 'No address associated with hostname'}`, busybox ? 1 : 2);
  const shown = busybox || isIPv4(dst) ? dst : r.canonical;
  dst = r.ip;
  const total = size + 28;
  const first = lookupRoute(env.target.ns, dst);
  const lines: string[] = [];
  // BusyBox's bind error is only a warning (libbb's setsockopt_bindtodevice); it pings on.
  if (noDevice) lines.push(`ping: can't bind to interface ${o.iface}: No such device`);
  lines.push(busybox ? `PING ${shown} (${dst})${o.source ? ` from ${o.source}` : ''}: ${size} data bytes` : `PING ${shown} (${dst}) ${fromPart(o, first)}${size}(${total}) bytes of data.`);
  // -q: only the header and the summary.
  const say = (line: string): void => void (quiet || lines.push(line));
  const rtts: number[] = [];
  let errors = 0;
  // DF: always with -M do; by default (want) only when the packet fits the first hop, else the kernel fragments it.
  const firstMtu = first.kind === 'unicast' ? (env.target.ns.links.find((l) => l.name === first.route.dev)?.mtu ?? 1500) : 65536;
  const df = pmtu === 'do' || (pmtu === 'want' && total <= firstMtu);
  // One ping process, one ICMP id: a new ping is a new conntrack flow; its echoes are a second apart.
  const id = env.icmpId();
  // Without -c the simulated user presses ^C after 4 echoes; -w stops at its deadline of
  // simulated time, and with -c as well once that many answers (or errors) came back.
  let sent = 0;
  let interrupted = false;
  for (let seq = 0; ; seq++) {
    if (deadline !== undefined) {
      if (seq * intervalMs >= deadline * 1000 || (count !== undefined && rtts.length + errors >= count)) break;
    } else if (seq >= (count ?? 4)) {
      interrupted = count === undefined;
      break;
    }
    if (seq >= MAX_ECHOES) {
      interrupted = true;
      break;
    }
    if (seq > 0) env.advance(intervalMs);
    sent++;
    const req = echoRequest('', dst, id, seq);
    req.ip.length = total;
    req.ip.df = df || undefined;
    if (o.ttl !== undefined) req.ip.ttl = o.ttl;
    // With -t a router's "time exceeded" comes back (walks answer ICMP errors only when asked).
    const t = env.send(env.target.ns, req, o.ttl !== undefined ? { answerEcho: true, icmpErrors: true } : { answerEcho: true }, 'ping');
    const tooBig = /^message too long, mtu=(\d+)/.exec(t.reason ?? '');
    if (tooBig) {
      errors++;
      say(`ping: local error: message too long, mtu=${tooBig[1]}`);
    } else if (t.icmpError) {
      // busybox's ping ignores ICMP errors (their id field is not its id): the echo just never comes back.
      errors++;
      if (!busybox) say(`From ${t.icmpError.from} icmp_seq=${seq + 1} ${ICMP_ERROR_TEXT[t.icmpError.type]}${t.icmpError.type === 'frag-needed' ? ` (mtu = ${t.icmpError.mtu})` : ''}`);
    } else if (t.replied) {
      const ms = (t.rttUs / 1000).toFixed(3);
      rtts.push(t.rttUs / 1000);
      say(busybox ? `${size + 8} bytes from ${dst}: seq=${seq} ttl=${t.replyTtl} time=${ms} ms` : `${size + 8} bytes from ${dst}: icmp_seq=${seq + 1} ttl=${t.replyTtl} time=${ms} ms`);
    } else {
      if (t.reason?.includes('Network is unreachable') && !busybox) return fail(`ping: connect: Network is unreachable`, 2);
      if (t.reason?.includes('Network is unreachable')) return fail('ping: sendto: Network unreachable', 1);
      if (t.reason?.includes('Destination Host Unreachable')) {
        const from = t.steps[0]?.after.ip.src ?? '';
        if (!busybox) say(`From ${from} icmp_seq=${seq + 1} Destination Host Unreachable`);
      }
    }
  }
  const got = rtts.length;
  const loss = sent ? Math.round(((sent - got) / sent) * 100) : 0;
  if (interrupted) lines.push('^C');
  lines.push('', `--- ${shown} ping statistics ---`);
  if (busybox) {
    lines.push(`${sent} packets transmitted, ${got} packets received, ${loss}% packet loss`);
    if (got > 0) lines.push(`round-trip min/avg/max = ${stats(rtts).map((x) => x.toFixed(3)).slice(0, 3).join('/')} ms`);
  } else {
    const time = Math.round(sent > 1 ? (sent - 1) * intervalMs + rtts.reduce((a, b) => a + b, 0) : 0);
    lines.push(`${sent} packets transmitted, ${got} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms`);
    if (got > 0) lines.push(`rtt min/avg/max/mdev = ${stats(rtts).map((x) => x.toFixed(3)).join('/')} ms`);
  }
  // iputils: a deadline run that got fewer answers than -c asked for fails too.
  const short = deadline !== undefined && count !== undefined && got < count;
  return { out: lines.join('\n'), code: got > 0 && !short ? 0 : 1 };
};

/** iputils' header names the source when -I binds it: "from 10.0.0.11 eth0: " (an address alone: "from 10.0.0.11 : "). */
function fromPart(o: PingOptions, route: RouteDecision): string {
  if (o.source) return `from ${o.source} : `;
  if (!o.iface) return '';
  return `from ${route.kind === 'unicast' ? (route.src ?? '') : ''} ${o.iface}: `;
}

function stats(xs: number[]): [number, number, number, number] {
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const avg = xs.reduce((a, b) => a + b, 0) / xs.length;
  const mdev = Math.sqrt(xs.reduce((s, x) => s + (x - avg) ** 2, 0) / xs.length);
  return [min, avg, max, mdev];
}
