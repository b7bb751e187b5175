/**
 * Named network namespaces on a node: `ip netns add|del|list|exec`, and the symlink trick
 * from the CNI notes (`ln -sfT $CNI_NETNS /var/run/netns/NAME`) that lets `ip netns` see a
 * pod's namespace. containerd itself names pod namespaces cni-<uuid> under /var/run/netns.
 */
import type { NetNs } from '../net/types';
import { fail, ok, type CommandResult, type ShellEnv } from './types';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Names visible in /var/run/netns on the terminal's machine, → namespace. */
export function netnsNames(env: ShellEnv): Map<string, NetNs> {
  const host = env.target.host;
  const out = new Map<string, NetNs>();
  for (const ns of env.ctx.net.namespaces.values()) {
    if (ns.host !== host) continue;
    if (ns.kind === 'pod') out.set(ns.id, ns);
  }
  const h = env.ctx.hosts.get(host);
  for (const [name, id] of Object.entries(h?.netnsNames ?? {})) {
    const ns = env.ctx.net.namespaces.get(id);
    if (ns) out.set(name, ns);
  }
  return out;
}

export function resolveNetns(env: ShellEnv, name: string): NetNs | string {
  const ns = netnsNames(env).get(name);
  return ns ?? `Cannot open network namespace "${name}": No such file or directory`;
}

export function netnsCommand(verb: string, w: string[], env: ShellEnv, run: (line: string, ns: NetNs) => CommandResult): CommandResult {
  if (env.target.kind === 'pod') return fail('mount --make-shared /run/netns failed: Operation not permitted', 1);
  const host = env.ctx.hosts.get(env.target.host)!;
  const net = env.ctx.net;
  switch (verb) {
    case 'list':
    case 'ls':
    case 'show': {
      const names = [...netnsNames(env).keys()].sort();
      return ok(names.map((n) => {
        const ns = netnsNames(env).get(n)!;
        const id = [...netnsNames(env).values()].indexOf(ns);
        return ns.kind === 'pod' ? `${n} (id: ${id})` : n;
      }).join('\n'));
    }
    case 'add': {
      const name = w[0];
      if (!name || !NAME.test(name)) return fail(`Invalid netns name "${name ?? ''}"`, 1);
      if (netnsNames(env).has(name)) return fail(`Cannot create namespace file "/var/run/netns/${name}": File exists`, 1);
      const id = `${host.name}:${name}`;
      const ns = net.addNamespace(id, host.name, 'netns');
      ns.name = name;
      host.netnsNames[name] = id;
      return ok('');
    }
    case 'del':
    case 'delete': {
      const name = w[0];
      const id = name ? host.netnsNames[name] : undefined;
      if (!name || !id) return fail(`Cannot remove namespace file "/var/run/netns/${name ?? ''}": No such file or directory`, 1);
      delete host.netnsNames[name];
      const stillNamed = Object.values(host.netnsNames).includes(id);
      const ns = net.namespaces.get(id);
      if (!stillNamed && ns?.kind === 'netns') net.removeNamespace(id);
      return ok('');
    }
    case 'exec': {
      const [name, ...cmd] = w;
      const ns = name ? resolveNetns(env, name) : 'No netns name specified';
      if (typeof ns === 'string') return fail(ns, 1);
      if (cmd.length === 0) return fail('No command specified', 1);
      return run(cmd.map((c) => (/\s/.test(c) ? `'${c}'` : c)).join(' '), ns);
    }
  }
  return fail(`Command "${verb}" is unknown, try "ip netns help".`, 255);
}

/** `ln -s[f][T] TARGET /var/run/netns/NAME`: only this use is modelled. */
export function lnCommand(args: string[], env: ShellEnv): CommandResult {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const [target, link] = args.filter((a) => !a.startsWith('-'));
  if (!flags.includes('s')) return fail('ln: hard links are not simulated; use ln -s', 1);
  if (!target || !link) return fail("ln: missing file operand\nTry 'ln --help' for more information.", 1);
  const m = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(link);
  if (!m) return fail(`ln: the playground only simulates links in /var/run/netns (got ${link})`, 1);
  const src = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(target);
  const ns = src ? netnsNames(env).get(src[1]) : undefined;
  if (!ns) return fail(`ln: failed to access '${target}': No such file or directory`, 1);
  const host = env.ctx.hosts.get(env.target.host)!;
  if (netnsNames(env).has(m[1]) && !flags.includes('f')) return fail(`ln: failed to create symbolic link '${link}': File exists`, 1);
  host.netnsNames[m[1]] = ns.id;
  return ok('');
}
