/** host (BIND 9) and getent hosts (glibc's NSS: /etc/hosts, then DNS through the stub resolver). */
import { isIPv4 } from '../net/ip';
import { sendQuery } from '../coredns/query';
import { RR_TYPES, reverseName, type DnsMessage, type RRType } from '../coredns/records';
import { resolveName, resolvConf } from '../coredns/stub';
import { searchCandidates } from '../coredns/resolvconf';
import { fail, ok, type Command } from './types';
import { isBusyboxPod, TIMED_OUT } from './nslookup';

function hostLine(r: DnsMessage['answers'][number]): string {
  if (r.type === 'A') return `${r.name.replace(/\.$/, '')} has address ${r.data}`;
  if (r.type === 'AAAA') return `${r.name.replace(/\.$/, '')} has IPv6 address ${r.data}`;
  if (r.type === 'CNAME') return `${r.name.replace(/\.$/, '')} is an alias for ${r.data}`;
  if (r.type === 'PTR') return `${r.name.replace(/\.$/, '')} domain name pointer ${r.data}`;
  if (r.type === 'SRV') return `${r.name.replace(/\.$/, '')} has SRV record ${r.data}`;
  return `${r.name.replace(/\.$/, '')} has ${r.type} record ${r.data}`;
}

export const host: Command = (args, env) => {
  if (env.target.kind === 'pod' && isBusyboxPod(env)) return fail('sh: host: not found', 127);
  let type: RRType | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-t') type = (args[++i] ?? '').toUpperCase() as RRType;
    else if (!args[i].startsWith('-')) rest.push(args[i]);
  }
  if (type && !RR_TYPES.includes(type)) return fail(`host: invalid type: ${type}`, 1);
  const [name, server] = rest;
  if (!name) return fail('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]', 1);
  const conf = resolvConf(env);
  const target = server ?? conf.nameservers[0] ?? '127.0.0.1';
  const qtype = type ?? (isIPv4(name) ? 'PTR' : 'A');
  const names = isIPv4(name) ? [reverseName(name)] : searchCandidates(name, conf);
  const head = server ? [`Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n`] : [];
  let last: DnsMessage | undefined;
  for (const n of names) {
    const r = sendQuery(env, env.target.ns, target, n, qtype, 'host');
    if (r.kind !== 'reply') {
      env.advance(conf.timeout * conf.attempts * 1000);
      return fail([...head, TIMED_OUT].join('\n'), 1);
    }
    last = r.msg;
    if (r.msg.rcode === 'NOERROR' && r.msg.answers.length > 0) break;
  }
  if (!last || last.rcode !== 'NOERROR') {
    const code = last?.rcode === 'NXDOMAIN' ? '3(NXDOMAIN)' : '2(SERVFAIL)';
    return fail([...head, `Host ${isIPv4(name) ? reverseName(name) : name} not found: ${code}`].join('\n'), 1);
  }
  return ok([...head, ...last.answers.map(hostLine)].join('\n'));
};

export const getent: Command = (args, env) => {
  if (env.target.kind === 'pod' && isBusyboxPod(env)) return fail('sh: getent: not found', 127);
  const [db, ...keys] = args;
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') return fail(`Unknown database: ${db ?? ''}\nTry \`getent --help' or \`getent --usage' for more information.`, 1);
  if (keys.length === 0) return fail('getent: enumerating hosts is not simulated; give a name', 1);
  const lines: string[] = [];
  let code = 0;
  for (const key of keys) {
    if (isIPv4(key)) {
      const conf = resolvConf(env);
      const r = conf.nameservers[0] ? sendQuery(env, env.target.ns, conf.nameservers[0], reverseName(key), 'PTR', 'getent') : undefined;
      const ptr = r?.kind === 'reply' ? r.msg.answers.find((a) => a.type === 'PTR')?.data.replace(/\.$/, '') : undefined;
      if (ptr) lines.push(`${key.padEnd(15)} ${ptr}`);
      else code = 2;
      continue;
    }
    const r = resolveName(env, key, 'getent');
    if ('error' in r) {
      code = 2;
      continue;
    }
    if (db === 'hosts') lines.push(`${r.ip.padEnd(15)} ${r.canonical}`);
    else lines.push(`${r.ip.padEnd(15)} STREAM ${r.canonical}`, `${r.ip.padEnd(15)} DGRAM  `, `${r.ip.padEnd(15)} RAW    `);
  }
  return { out: lines.join('\n'), code };
};
