/**
 * The C library's stub resolver (getaddrinfo for curl, wget, ping, getent): /etc/hosts
 * first, then A queries for each search candidate (ndots rule), each to the nameservers of
 * /etc/resolv.conf in turn with `timeout`×`attempts` of waiting when nothing answers.
 */
import type { Pod } from '../api/types';
import { isIPv4 } from '../net/ip';
import type { ShellEnv } from '../shell/types';
import { addressesOf, sendQuery } from './query';
import { NODE_RESOLV_CONF, podHostsFile, resolvConfFor, searchCandidates, type ResolvConf, parseResolvConf } from './resolvconf';

export type Resolved = { ip: string; canonical: string } | { error: 'notfound' | 'timeout' };

/** The pod of a pod terminal. */
export function targetPod(env: ShellEnv): Pod | undefined {
  if (env.target.kind !== 'pod' || !env.target.pod) return undefined;
  const [ns, name] = env.target.pod.split('/');
  return env.ctx.api.peekAll('Pod').find((p) => p.metadata.namespace === ns && p.metadata.name === name) as Pod | undefined;
}

/** The terminal's /etc/resolv.conf text. */
export function resolvConfText(env: ShellEnv): string {
  const pod = targetPod(env);
  if (pod) return resolvConfFor(env.ctx, pod);
  return env.ctx.hosts.get(env.target.host)?.files['/etc/resolv.conf'] ?? NODE_RESOLV_CONF;
}

export function resolvConf(env: ShellEnv): ResolvConf {
  return parseResolvConf(resolvConfText(env));
}

/** A pod's host name: the node's on the host network, else spec.hostname or the pod name. */
export function podHostname(env: ShellEnv, pod: Pod): string {
  return pod.spec.hostNetwork ? env.target.host : (pod.spec.hostname ?? pod.metadata.name);
}

/** The terminal's /etc/hosts text (the kubelet leaves a host-network pod the node's file). */
export function hostsText(env: ShellEnv): string {
  const pod = targetPod(env);
  if (pod && !pod.spec.hostNetwork) return podHostsFile(pod, pod.status?.podIP);
  return env.ctx.hosts.get(env.target.host)?.files['/etc/hosts'] ?? `127.0.0.1\tlocalhost\n127.0.1.1\t${env.target.host}\n`;
}

function fromHosts(env: ShellEnv, name: string): Resolved | undefined {
  for (const line of hostsText(env).split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && isIPv4(ip) && names.includes(name.replace(/\.$/, ''))) return { ip, canonical: names[0] };
  }
  return undefined;
}

/** getaddrinfo(name) for IPv4. */
export function resolveName(env: ShellEnv, name: string, tool: string): Resolved {
  if (isIPv4(name)) return { ip: name, canonical: name };
  const local = fromHosts(env, name);
  if (local) return local;
  const conf = resolvConf(env);
  let timedOut = false;
  for (const candidate of searchCandidates(name, conf)) {
    let answered = false;
    for (const server of conf.nameservers) {
      const r = sendQuery(env, env.target.ns, server, candidate, 'A', tool);
      if (r.kind !== 'reply') {
        // Refused and unreachable fail at once; silence costs the whole timeout.
        if (r.kind === 'timeout') env.advance(conf.timeout * conf.attempts * 1000);
        continue;
      }
      answered = true;
      const { canonical, ips } = addressesOf(r.msg, candidate);
      if (r.msg.rcode === 'NOERROR' && ips.length > 0) return { ip: ips[0], canonical: canonical.replace(/\.$/, '') };
      break;
    }
    if (!answered) {
      timedOut = true;
      break;
    }
  }
  return { error: timedOut ? 'timeout' : 'notfound' };
}
