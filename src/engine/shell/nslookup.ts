/**
 * nslookup: busybox's applet in busybox pods (A and AAAA for the name under every search
 * domain when it has no dot, all sent from one socket, answers printed per query), BIND's
 * elsewhere (the stub resolver's search rule, the first name that answers).
 */
import type { Pod } from '../api/types';
import { isIPv4 } from '../net/ip';
import { sendQuery, type QueryOutcome } from '../coredns/query';
import { RR_TYPES, reverseName, type DnsMessage, type RR, type RRType } from '../coredns/records';
import { resolvConf, targetPod } from '../coredns/stub';
import { searchCandidates } from '../coredns/resolvconf';
import { fail, type Command, type CommandResult, type ShellEnv } from './types';

export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';
export const TIMED_OUT = ';; connection timed out; no servers could be reached';

/** busybox images ship nslookup but no dig, host or getent. */
export function isBusyboxPod(env: ShellEnv): boolean {
  const pod: Pod | undefined = targetPod(env);
  return !!pod && pod.spec.containers.every((c) => /(^|\/)busybox(:|@|$)/.test(c.image));
}

const bare = (n: string): string => n.replace(/\.$/, '');

/** One answer record as busybox's parse_reply prints it. */
function busyboxRecord(r: RR): string {
  if (r.type === 'A' || r.type === 'AAAA') return `Name:\t${bare(r.name)}\nAddress: ${r.data}`;
  if (r.type === 'CNAME') return `${bare(r.name)}\tcanonical name = ${bare(r.data)}`;
  if (r.type === 'PTR') return `${bare(r.name)}\tname = ${bare(r.data)}`;
  if (r.type === 'SRV') {
    const [p, w, port, target] = r.data.split(' ');
    return `${bare(r.name)}\tservice = ${p} ${w} ${port} ${bare(target)}`;
  }
  return `${bare(r.name)}\t${r.type.toLowerCase()} = ${r.data}`;
}

function busybox(args: string[], env: ShellEnv): CommandResult {
  const usage = `${BUSYBOX_BANNER}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any`;
  const types: RRType[] = [];
  const rest: string[] = [];
  for (const a of args) {
    const m = /^-(type|querytype|query|q)=(.*)$/.exec(a);
    if (m) {
      const t = m[2].toUpperCase() as RRType;
      if (!RR_TYPES.includes(t)) return fail(`nslookup: invalid query type "${m[2]}"`, 1);
      types.push(t);
    } else if (a.startsWith('-')) {
      if (!/^-(debug|port=\d+|retry=\d+|t=\d+|timeout=\d+)$/.test(a)) return fail(usage, 1);
    } else rest.push(a);
  }
  if (rest.length < 1 || rest.length > 2) return fail(usage, 1);
  const [host, explicit] = rest;
  const conf = resolvConf(env);
  const servers = explicit ? [explicit] : conf.nameservers.length ? conf.nameservers : ['127.0.0.1'];
  const withSearch = (t: RRType): { name: string; type: RRType }[] =>
    t === 'PTR' || host.includes('.') || conf.search.length === 0 ? [{ name: host, type: t }] : conf.search.map((d) => ({ name: `${host}.${d}`, type: t }));
  const queries = types.length === 0 ? (isIPv4(host) ? [{ name: reverseName(host), type: 'PTR' as RRType }] : [...withSearch('A'), ...withSearch('AAAA')]) : types.flatMap(withSearch);
  for (const server of servers) {
    // One socket for every query: one source port, one conntrack flow.
    const sport = env.ephemeralPort();
    const replies = queries.map((q) => sendQuery(env, env.target.ns, server, q.name, q.type, 'nslookup', sport));
    if (!replies.some((r) => r.kind === 'reply')) {
      env.advance(5000);
      continue;
    }
    const out = [`Server:\t\t${server}`, `Address:\t${server}:53`, ''];
    let code = 0;
    replies.forEach((r, i) => {
      if (r.kind !== 'reply') return;
      const q = queries[i];
      if (r.msg.rcode !== 'NOERROR') {
        out.push(`** server can't find ${q.name}: ${r.msg.rcode}`, '');
        code = 1;
        return;
      }
      if (!r.msg.aa) out.push('Non-authoritative answer:');
      if (r.msg.answers.length === 0) out.push(`*** Can't find ${q.name}: No answer`);
      for (const rr of r.msg.answers) out.push(busyboxRecord(rr));
      out.push('');
    });
    const missing = replies.map((r, i) => (r.kind === 'reply' ? undefined : queries[i].name)).filter((n): n is string => !!n);
    for (const n of missing) out.push(`*** Can't find ${n}: No answer`);
    if (missing.length > 0) out.push('');
    return { out: out.join('\n'), code };
  }
  return fail(`${TIMED_OUT}\n`, 1);
}

/** BIND 9's nslookup: the stub resolver's candidates in order, the first that answers is printed. */
function bind(args: string[], env: ShellEnv): CommandResult {
  const rest = args.filter((a) => !a.startsWith('-'));
  const typeArg = args.map((a) => /^-(?:type|query|querytype|q)=(.*)$/i.exec(a)?.[1]).find(Boolean);
  if (rest.length < 1) return fail('Usage: nslookup [-opt ...] host [server]', 1);
  const [host, explicit] = rest;
  const conf = resolvConf(env);
  const servers = explicit ? [explicit] : conf.nameservers;
  const type = (typeArg?.toUpperCase() as RRType | undefined) ?? (isIPv4(host) ? 'PTR' : 'A');
  const names = type === 'PTR' && isIPv4(host) ? [reverseName(host)] : searchCandidates(host, conf);
  let last: { server: string; msg: DnsMessage; name: string } | undefined;
  for (const name of names) {
    let r: QueryOutcome | undefined;
    let server = servers[0];
    for (const s of servers) {
      server = s;
      r = sendQuery(env, env.target.ns, s, name, type, 'nslookup');
      if (r.kind === 'reply') break;
      env.advance(conf.timeout * 1000);
    }
    if (!r || r.kind !== 'reply') return fail(`${TIMED_OUT}\n`, 1);
    last = { server, msg: r.msg, name };
    if (r.msg.rcode === 'NOERROR' && r.msg.answers.length > 0) break;
  }
  if (!last) return fail(`${TIMED_OUT}\n`, 1);
  const out = [`Server:\t\t${last.server}`, `Address:\t${last.server}#53`, ''];
  if (last.msg.rcode !== 'NOERROR') return { out: [...out, `** server can't find ${bare(host)}: ${last.msg.rcode}`, ''].join('\n'), code: 1 };
  if (!last.msg.aa) out.push('Non-authoritative answer:');
  if (last.msg.answers.length === 0) out.push(`*** Can't find ${host}: No answer`);
  for (const rr of last.msg.answers) out.push(rr.type === 'PTR' ? `${bare(rr.name)}\tname = ${rr.data}` : busyboxRecord(rr));
  out.push('');
  return { out: out.join('\n'), code: 0 };
}

export const nslookup: Command = (args, env) => (env.target.kind === 'pod' && isBusyboxPod(env) ? busybox(args, env) : bind(args, env));
