/**
 * env / printenv. In a pod: the image's PATH, HOSTNAME, the container's own env and the
 * Service links the kubelet injects (enableServiceLinks, default true): for every Service
 * of the pod's namespace — and `kubernetes` from default — that existed when the container
 * started, <NAME>_SERVICE_HOST, <NAME>_SERVICE_PORT, <NAME>_PORT=tcp://IP:PORT and the
 * per-port <NAME>_PORT_<P>_<PROTO>[_PROTO|_PORT|_ADDR] variables (docker links' format).
 */
import type { Pod, Service } from '../api/types';
import { podHostname, targetPod } from '../coredns/stub';
import { containerEnv } from '../kubelet/volumes';
import { fail, ok, type Command, type ShellEnv } from './types';

const POD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** NAME → the variable prefix: upper case, dashes to underscores. */
const prefix = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** The kubelet's Service environment for a pod (pkg/kubelet/envvars). */
export function serviceLinkEnv(services: readonly Service[], pod: Pod, startedAt?: string): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const visible = services.filter((s) => {
    const ip = s.spec.clusterIP;
    if (!ip || ip === 'None' || s.spec.type === 'ExternalName') return false;
    if (startedAt && (s.metadata.creationTimestamp ?? '') > startedAt) return false;
    const master = s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes';
    return master || (pod.spec.enableServiceLinks !== false && s.metadata.namespace === ns);
  });
  visible.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const out: [string, string][] = [];
  for (const s of visible) {
    const p = prefix(s.metadata.name);
    const ip = s.spec.clusterIP!;
    const ports = s.spec.ports ?? [];
    if (ports.length === 0) continue;
    out.push([`${p}_SERVICE_HOST`, ip], [`${p}_SERVICE_PORT`, String(ports[0].port)]);
    for (const port of ports) if (port.name) out.push([`${p}_SERVICE_PORT_${prefix(port.name)}`, String(port.port)]);
    out.push([`${p}_PORT`, `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${ports[0].port}`]);
    for (const port of ports) {
      const proto = port.protocol ?? 'TCP';
      const base = `${p}_PORT_${port.port}_${proto}`;
      out.push([base, `${proto.toLowerCase()}://${ip}:${port.port}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(port.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}

function podEnv(env: ShellEnv, pod: Pod): [string, string][] {
  const c = pod.spec.containers.find((x) => x.name === env.target.container) ?? pod.spec.containers[0];
  const started = pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt;
  const own = containerEnv(env.ctx, pod, c);
  const links = serviceLinkEnv(env.ctx.api.peekAll('Service') as Service[], pod, started).filter(([k]) => !own.some(([o]) => o === k));
  return [['PATH', POD_PATH], ['HOSTNAME', podHostname(env, pod)], ...own, ...links, ['HOME', '/root']];
}

function nodeEnv(env: ShellEnv): [string, string][] {
  return [
    ['SHELL', '/bin/bash'],
    ['PWD', '/root'],
    ['LOGNAME', 'root'],
    ['HOME', '/root'],
    ['LANG', 'C.UTF-8'],
    ['TERM', 'xterm-256color'],
    ['USER', 'root'],
    ['SHLVL', '1'],
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin'],
    ['HOSTNAME', env.target.host],
  ];
}

/** The terminal's environment, with `VAR=value` prefixes of this command last. */
export function environment(env: ShellEnv): [string, string][] {
  const pod = targetPod(env);
  const base = pod ? podEnv(env, pod) : nodeEnv(env);
  const extra = Object.entries(env.vars ?? {});
  return [...base.filter(([k]) => !extra.some(([e]) => e === k)), ...extra];
}

export const envCmd: Command = (args, env) => {
  if (args.length > 0) return fail(`env: running a command through env is not simulated; run '${args.join(' ')}' directly`, 125);
  return ok(environment(env).map(([k, v]) => `${k}=${v}`).join('\n'));
};

export const printenv: Command = (args, env) => {
  const all = environment(env);
  if (args.length === 0) return ok(all.map(([k, v]) => `${k}=${v}`).join('\n'));
  const found = args.map((a) => all.find(([k]) => k === a)?.[1]).filter((v): v is string => v !== undefined);
  return { out: found.join('\n'), code: found.length === args.length ? 0 : 1 };
};
