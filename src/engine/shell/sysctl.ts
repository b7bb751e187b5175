/** `sysctl` (read and -w write of the keys that change behaviour) and `conntrack -L`. */
import { formatCt } from '../net/conntrack';
import { fail, ok, type Command } from './types';

/** Keys whose effect the model implements; others are refused rather than silently ignored. */
const KNOWN: Record<string, string[]> = {
  'net.ipv4.ip_forward': ['0', '1'],
  'net.bridge.bridge-nf-call-iptables': ['0', '1'],
};

export const sysctl: Command = (args, env) => {
  const ns = env.target.ns;
  const writes = args.filter((a) => a.includes('='));
  const flags = args.filter((a) => a.startsWith('-'));
  if (flags.includes('-a')) return ok(Object.entries(ns.sysctl).sort().map(([k, v]) => `${k} = ${v}`).join('\n'));
  if (writes.length > 0) {
    if (env.target.kind === 'pod') return fail(`sysctl: error setting key '${writes[0].split('=')[0]}': Read-only file system`, 255);
    const out: string[] = [];
    for (const w of writes) {
      const [k, v] = w.split('=').map((x) => x.trim());
      if (!(k in KNOWN)) return fail(`sysctl: cannot stat /proc/sys/${k.replace(/\./g, '/')}: No such file or directory`, 255);
      if (!KNOWN[k].includes(v)) return fail(`sysctl: setting key "${k}": Invalid argument`, 255);
      ns.sysctl[k] = v;
      out.push(`${k} = ${v}`);
    }
    return ok(out.join('\n'));
  }
  const keys = args.filter((a) => !a.startsWith('-'));
  if (keys.length === 0) return fail('sysctl: no variables specified\nTry `sysctl --help\' or `sysctl --usage\' for more information.', 255);
  const out: string[] = [];
  for (const k of keys) {
    if (!(k in ns.sysctl)) return fail(`sysctl: cannot stat /proc/sys/${k.replace(/\./g, '/')}: No such file or directory`, 255);
    out.push(flags.includes('-n') ? ns.sysctl[k] : `${k} = ${ns.sysctl[k]}`);
  }
  return ok(out.join('\n'));
};

export const conntrack: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: conntrack: not found', 127);
  const now = env.ctx.clock.now;
  const ns = env.target.ns;
  if (args[0] === '-F' || args[0] === '--flush') {
    ns.conntrack.length = 0;
    return ok('conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.');
  }
  if (args[0] !== '-L' && args[0] !== '--dump') return fail('conntrack v1.4.7 (conntrack-tools): no command specified\nTry `conntrack -h\' for more information.', 2);
  const live = ns.conntrack.filter((e) => e.expires > now);
  const lines = live.map((e) => formatCt(e, now));
  return ok([...lines, `conntrack v1.4.7 (conntrack-tools): ${live.length} flow entries have been shown.`].join('\n'));
};
