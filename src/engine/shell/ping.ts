/**
 * ping: each echo request is a real walk through the model. Pods run busybox's ping, nodes
 * iputils' ping; both print their own formats.
 */
import { isIPv4 } from '../net/ip';
import { echoRequest } from '../net/packet';
import { resolveName } from '../coredns/stub';
import { lookupRoute } from '../net/routing';
import { fail, type Command } from './types';
import { splitShortOptions } from './getopt';

/** iputils' words for the ICMP errors it reports (ping_common.c / ping.c pr_icmph). */
const ICMP_ERROR_TEXT = {
  'frag-needed': 'Frag needed and DF set',
  'port-unreachable': 'Destination Port Unreachable',
  'host-unreachable': 'Destination Host Unreachable',
  'time-exceeded': 'Time to live exceeded',
} as const;

export const ping: Command = (args, env) => {
  let count = 4;
  let interrupted = true;
  let dst: string | undefined;
  let size = 56;
  let pmtu: 'do' | 'dont' | 'want' = 'want';
  let quiet = false;
  let intervalMs = 1000;
  const opts = splitShortOptions(args, 'csMiW');
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] === '-c') {
      count = Number(opts[++i]);
      interrupted = false;
      if (!Number.isInteger(count) || count < 1 || count > 100) return fail(`ping: invalid count: '${opts[i] ?? ''}'`, 2);
    } else if (opts[i] === '-s') {
      size = Number(opts[++i]);
      if (!Number.isInteger(size) || size < 0 || size > 65507) return fail(`ping: invalid argument: '${opts[i] ?? ''}': out of range: 0 <= value <= 65507`, 2);
    } else if (opts[i] === '-M' && env.target.kind === 'node') {
      // iputils' path MTU discovery hint; busybox's ping has no -M.
      const m = opts[++i];
      if (m !== 'do' && m !== 'dont' && m !== 'want') return fail(`ping: invalid -M argument: ${m ?? ''}`, 2);
      pmtu = m;
    } else if (opts[i] === '-q') quiet = true;
    else if (opts[i] === '-i') {
      const secs = Number(opts[++i]);
      if (!Number.isFinite(secs) || secs < 0.002 || secs > 3600) return fail(`ping: bad timing interval: ${opts[i] ?? ''}`, 2);
      intervalMs = Math.round(secs * 1000);
    } else if (opts[i] === '-W') {
      // The reply timeout: answers here come back at once or never, so only the value is checked.
      if (!/^\d+(\.\d+)?$/.test(opts[++i] ?? '')) return fail(`ping: bad linger time: ${opts[i] ?? ''}`, 2);
    } else if (opts[i].startsWith('-')) return fail(`ping: invalid option -- '${opts[i].replace(/^-+/, '')}'`, 2);
    else dst = opts[i];
  }
  const busybox = env.target.kind === 'pod';
  if (!dst) return fail(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST' : 'ping: usage error: Destination address required', busybox ? 1 : 2);
  // A name goes through the resolver (a DNS query walks to the nameserver first).
  const r = resolveName(env, dst, 'ping');
  if ('error' in r) return fail(busybox ? `ping: bad address '${dst}'` : `ping: ${dst}: ${r.error === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}`, busybox ? 1 : 2);
  const shown = busybox || isIPv4(dst) ? dst : r.canonical;
  dst = r.ip;
  const total = size + 28;
  const lines: string[] = [busybox ? `PING ${shown} (${dst}): ${size} data bytes` : `PING ${shown} (${dst}) ${size}(${total}) bytes of data.`];
  // -q: only the header and the summary.
  const say = (line: string): void => void (quiet || lines.push(line));
  const rtts: number[] = [];
  let errors = 0;
  // DF: always with -M do; by default (want) only when the packet fits the first hop, else the kernel fragments it.
  const first = lookupRoute(env.target.ns, dst);
  const firstMtu = first.kind === 'unicast' ? (env.target.ns.links.find((l) => l.name === first.route.dev)?.mtu ?? 1500) : 65536;
  const df = pmtu === 'do' || (pmtu === 'want' && total <= firstMtu);
  // One ping process, one ICMP id: a new ping is a new conntrack flow; its echoes are a second apart.
  const id = env.icmpId();
  for (let seq = 0; seq < count; seq++) {
    if (seq > 0) env.advance(intervalMs);
    const req = echoRequest('', dst, id, seq);
    req.ip.length = total;
    req.ip.df = df || undefined;
    const t = env.send(env.target.ns, req, { answerEcho: true }, 'ping');
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
  const loss = Math.round(((count - got) / count) * 100);
  if (interrupted) lines.push('^C');
  lines.push('', `--- ${shown} ping statistics ---`);
  if (busybox) {
    lines.push(`${count} packets transmitted, ${got} packets received, ${loss}% packet loss`);
    if (got > 0) lines.push(`round-trip min/avg/max = ${stats(rtts).map((x) => x.toFixed(3)).slice(0, 3).join('/')} ms`);
  } else {
    const time = Math.round(count > 1 ? (count - 1) * intervalMs + rtts.reduce((a, b) => a + b, 0) : 0);
    lines.push(`${count} packets transmitted, ${got} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms`);
    if (got > 0) lines.push(`rtt min/avg/max/mdev = ${stats(rtts).map((x) => x.toFixed(3)).join('/')} ms`);
  }
  return { out: lines.join('\n'), code: got > 0 ? 0 : 1 };
};

function stats(xs: number[]): [number, number, number, number] {
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const avg = xs.reduce((a, b) => a + b, 0) / xs.length;
  const mdev = Math.sqrt(xs.reduce((s, x) => s + (x - avg) ** 2, 0) / xs.length);
  return [min, avg, max, mdev];
}
