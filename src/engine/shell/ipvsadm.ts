/**
 * ipvsadm: lists the IPVS table of the node's namespace (kube-proxy's virtual servers in ipvs
 * mode) as ipvsadm 1.31 prints it — `-Ln`, `--stats`, `-t|-u VIP:PORT`. Without -n, well-known
 * ports are shown by name, as ipvsadm looks them up in /etc/services. Changing the table is
 * kube-proxy's job here; the write commands are refused with a note.
 */
import { formatIpvsadm } from '../net/ipvs';
import { fail, ok, type Command } from './types';

const SERVICES: Record<string, string> = { '80': 'http', '443': 'https', '53': 'domain' };

const USAGE = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n  ipvsadm -L|l [virtual-service] [options]\nOptions: --numeric -n, --stats, --tcp-service|-t service-address, --udp-service|-u service-address';

export const ipvsadm: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: ipvsadm: not found', 127);
  let list = args.length === 0;
  let numeric = false;
  let stats = false;
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[A-Za-z]+$/.test(a) && !['-t', '-u'].includes(a)) {
      for (const c of a.slice(1)) {
        if (c === 'L' || c === 'l') list = true;
        else if (c === 'n') numeric = true;
        else if ('AEDaedCRSZ'.includes(c)) return fail(`ipvsadm: -${c}: kube-proxy owns this IPVS table and rewrites it on every sync; change the Service or its endpoints instead`, 2);
        else return fail(`ipvsadm: invalid option -- '${c}'\n${USAGE}`, 2);
      }
    } else if (a === '--list') list = true;
    else if (a === '--numeric') numeric = true;
    else if (a === '--stats') stats = true;
    else if (a === '-t' || a === '-u' || a === '--tcp-service' || a === '--udp-service') {
      only = args[++i];
      if (!only || !/^\d+\.\d+\.\d+\.\d+:\d+$/.test(only)) return fail(`Illegal virtual server address[:port] specified`, 2);
    } else return fail(`ipvsadm: invalid option ${a}\n${USAGE}`, 2);
  }
  if (!list) return fail(USAGE, 2);
  // Without -n, ports are printed by their /etc/services name.
  const portName = numeric ? undefined : (p: number): string => SERVICES[String(p)] ?? String(p);
  const out = formatIpvsadm(env.target.ns.ipvs, { stats, now: env.ctx.clock.now, only, portName });
  if (only && out.split('\n').length <= 3) return fail('No such service', 1);
  return ok(out);
};
