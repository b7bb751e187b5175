/**
 * dig (BIND 9.16, as in the dnsutils images): one query to the first nameserver of
 * /etc/resolv.conf (or @server), no search list unless +search, three tries of 5 s.
 */
import { isIPv4 } from '../net/ip';
import { isoAt } from '../sim/time';
import { sendQuery } from '../coredns/query';
import { RR_TYPES, reverseName, type DnsMessage, type RR, type RRType } from '../coredns/records';
import { resolvConf } from '../coredns/stub';
import { searchCandidates } from '../coredns/resolvconf';
import { fail, ok, type Command } from './types';
import { isBusyboxPod, TIMED_OUT } from './nslookup';

/** BIND's text format: each field padded with tabs to its column stop (one space once past it). */
export function zoneLine(fields: string[], stops: number[]): string {
  let out = '';
  fields.forEach((f, i) => {
    out += f;
    if (i < fields.length - 1) out = visual(out) >= stops[i] ? `${out} ` : expandTo(out, stops[i]);
  });
  return out;
}

/** Appends tabs until the visual column reaches `stop`. */
function expandTo(s: string, stop: number): string {
  let col = visual(s);
  let out = s;
  while (col < stop) {
    out += '\t';
    col = col + 8 - (col % 8);
  }
  return out;
}

function visual(s: string): number {
  let col = 0;
  for (const ch of s) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
  return col;
}

const RR_STOPS = [24, 32, 40, 48];

export function rrLine(r: RR): string {
  return zoneLine([r.name, String(r.ttl), 'IN', r.type, r.data], RR_STOPS);
}

/** Wire size of a name (labels with length bytes, the root byte). */
const nameLen = (n: string): number => (n === '.' ? 1 : n.replace(/\.$/, '').length + 2);

function rdataLen(r: RR): number {
  if (r.type === 'A') return 4;
  if (r.type === 'AAAA') return 16;
  if (r.type === 'SRV') return 6 + nameLen(r.data.split(' ')[3]);
  if (r.type === 'SOA') return nameLen(r.data.split(' ')[0]) + nameLen(r.data.split(' ')[1]) + 20;
  return nameLen(r.data);
}

/** The reply's size: header, question, records (an owner equal to the question compresses to 2 bytes), OPT. */
export function messageSize(qname: string, m: DnsMessage): number {
  const recs = [...m.answers, ...m.authority, ...m.additional];
  return 12 + nameLen(qname) + 4 + recs.reduce((s, r) => s + (r.name === qname ? 2 : nameLen(r.name)) + 10 + rdataLen(r), 0) + 11;
}

/** `date`'s format, as dig's WHEN line: `Tue Nov 24 03:55:34 UTC 2026`. */
function when(ms: number): string {
  const d = new Date(isoAt(ms));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()}`;
}

export const dig: Command = (args, env) => {
  if (env.target.kind === 'pod' && isBusyboxPod(env)) return fail('sh: dig: not found', 127);
  let server: string | undefined;
  let name: string | undefined;
  let type: RRType | undefined;
  let short = false;
  let search = false;
  let tcp = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a === '+tcp' || a === '+vc') tcp = true;
    else if (a === '+nosearch' || a === '+noshort' || a === '+notcp' || a === '+novc') continue;
    else if (a === '-x') {
      const ip = args[++i];
      if (!ip || !isIPv4(ip)) return fail(`Invalid IP address ${ip ?? ''}`, 1);
      name = reverseName(ip);
      type = 'PTR';
    } else if (a === '-t') type = (args[++i] ?? '').toUpperCase() as RRType;
    else if (a.startsWith('+')) return fail(`Invalid option: ${a}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}`, 1);
    else if (RR_TYPES.includes(a.toUpperCase() as RRType) && name !== undefined) type = a.toUpperCase() as RRType;
    else name = a;
  }
  if (type && !RR_TYPES.includes(type)) return fail(`dig: invalid type: ${type}`, 1);
  const qtype = type ?? 'A';
  const conf = resolvConf(env);
  const target = server ?? conf.nameservers[0] ?? '127.0.0.1';
  const qnameIn = name ?? '.';
  const head = ['', `; <<>> DiG 9.16.50-Debian <<>> ${args.join(' ')}`.trimEnd(), ';; global options: +cmd'];
  const candidates = search && name ? searchCandidates(name, conf) : [qnameIn.replace(/\.$/, '')];
  let reply: { msg: DnsMessage; ms: number; qname: string } | undefined;
  for (const c of candidates) {
    const qname = c === '' ? '.' : `${c}.`;
    const proto = tcp ? 'tcp' : 'udp';
    let r = sendQuery(env, env.target.ns, target, qname, qtype, 'dig', env.ephemeralPort(), proto);
    for (let tries = 1; tries < 3 && r.kind === 'timeout'; tries++) {
      env.advance(5000);
      r = sendQuery(env, env.target.ns, target, qname, qtype, 'dig', env.ephemeralPort(), proto);
    }
    if (tcp && r.kind === 'refused') return fail([...head, `;; Connection to ${target}#53(${target}) for ${qname.replace(/\.$/, '')} failed: connection refused.`, ''].join('\n'), 9);
    if (r.kind !== 'reply') {
      env.advance(5000);
      return short ? fail(TIMED_OUT, 9) : fail([...head, TIMED_OUT, ''].join('\n'), 9);
    }
    reply = { msg: r.msg, ms: r.ms, qname };
    if (r.msg.rcode === 'NOERROR' && r.msg.answers.length > 0) break;
  }
  const { msg, ms, qname } = reply!;
  if (short) return ok(msg.answers.map((r) => r.data).join('\n'));
  const flags = ['qr', ...(msg.aa ? ['aa'] : []), 'rd', ...(msg.ra ? ['ra'] : [])].join(' ');
  const out = [...head, ';; Got answer:'];
  if (/\.local\.$/.test(qname)) out.push(';; WARNING: .local is reserved for Multicast DNS', ';; You are currently testing what happens when an mDNS query is leaked to DNS');
  out.push(
    `;; ->>HEADER<<- opcode: QUERY, status: ${msg.rcode}, id: ${env.ctx.prng.int(65536)}`,
    `;; flags: ${flags}; QUERY: 1, ANSWER: ${msg.answers.length}, AUTHORITY: ${msg.authority.length}, ADDITIONAL: ${msg.additional.length + 1}`,
  );
  if (!msg.ra) out.push(';; WARNING: recursion requested but not available');
  out.push('', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232', ';; QUESTION SECTION:', zoneLine([`;${qname}`, 'IN', qtype], [32, 40]), '');
  if (msg.answers.length) out.push(';; ANSWER SECTION:', ...msg.answers.map(rrLine), '');
  if (msg.authority.length) out.push(';; AUTHORITY SECTION:', ...msg.authority.map(rrLine), '');
  if (msg.additional.length) out.push(';; ADDITIONAL SECTION:', ...msg.additional.map(rrLine), '');
  out.push(`;; Query time: ${ms} msec`, `;; SERVER: ${target}#53(${target})`, `;; WHEN: ${when(env.ctx.clock.now)}`, `;; MSG SIZE  rcvd: ${messageSize(qname, msg)}`, '');
  return ok(out.join('\n'));
};
