/**
 * traceroute: UDP probes to ports 33434+ with TTL 1, 2, 3 ... Each router on the way
 * answers "time exceeded" from the interface the probe arrived on; the destination answers
 * "port unreachable". Probes are real walks through the model (NAT and conntrack included).
 */
import { transportRequest } from '../net/packet';
import { resolveName } from '../coredns/stub';
import { fail, ok, type Command } from './types';

const MAX_HOPS = 30;

export const traceroute: Command = (args, env) => {
  const dst = args.filter((a) => !a.startsWith('-')).pop();
  const busybox = env.target.kind === 'pod';
  if (!dst) return fail(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: traceroute [-46FIlnrv] [-f 1ST_TTL] [-m MAXTTL] HOST' : 'Usage:\n  traceroute [ -46dFITnreAUDV ] host [ packetlen ]', busybox ? 1 : 2);
  const r = resolveName(env, dst, 'traceroute');
  if ('error' in r) return fail(busybox ? `traceroute: bad address '${dst}'` : `${dst}: ${r.error === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}\nCannot handle "host" cmdline arg \`${dst}' on position 1 (argc 1)`, busybox ? 1 : 2);
  const ip = r.ip;
  const lines = [`traceroute to ${dst} (${ip}), ${MAX_HOPS} hops max, ${busybox ? 46 : 60} byte packets`];
  const sport = env.ephemeralPort();
  for (let ttl = 1; ttl <= MAX_HOPS; ttl++) {
    const probe = transportRequest('udp', '', ip, sport, 33433 + ttl, ttl);
    const t = env.send(env.target.ns, probe, { answerEcho: true, icmpErrors: true }, 'traceroute');
    const hop = String(ttl).padStart(2);
    if (!t.icmpError) {
      lines.push(`${hop}  * * *`);
      // Nothing answers: real traceroute waits 5 s per probe; three probes per hop.
      env.advance(15_000);
      if (ttl >= 6 && lines.slice(-3).every((l) => l.endsWith('* * *'))) break;
      continue;
    }
    const base = t.rttUs / 1000;
    const times = [base, base * 0.93, base * 0.9].map((x) => `${x.toFixed(3)} ms`).join('  ');
    const name = args.includes('-n') ? t.icmpError.from : `${t.icmpError.from} (${t.icmpError.from})`;
    lines.push(`${hop}  ${name}  ${times}`);
    if (t.icmpError.type !== 'time-exceeded') break;
  }
  return ok(lines.join('\n'));
};
