/**
 * Ids of the selectable parts of a machine's network, as they travel in view.selected (and the
 * shared URL): `node|netns|ifname`, `node|netns|route line`, `node|table|chain|rule number`.
 */
import type { Trace, TraceStep } from '../../engine/net/trace';
import type { ChainView, LinkView, NetnsView, NodeNetworkView, RuleView } from '../../engine/sim/snapshot';

export const ifaceId = (node: string, netns: string, ifname: string): string => `${node}|${netns}|${ifname}`;
export const routeId = (node: string, netns: string, line: string): string => `${node}|${netns}|${line}`;
export const ruleId = (node: string, table: string, chain: string, n: number): string => `${node}|${table}|${chain}|${n}`;

/** Splits an id into its first `n - 1` parts and the rest (a route line may hold anything but the first parts). */
function parts(id: string, n: number): string[] | undefined {
  const out = id.split('|');
  if (out.length < n) return undefined;
  return [...out.slice(0, n - 1), out.slice(n - 1).join('|')];
}

export function parseNetId(id: string): { node: string; netns: string; rest: string } | undefined {
  const p = parts(id, 3);
  return p ? { node: p[0], netns: p[1], rest: p[2] } : undefined;
}

export function parseRuleId(id: string): { node: string; table: string; chain: string; n: number } | undefined {
  const p = id.split('|');
  if (p.length !== 4 || !/^\d+$/.test(p[3])) return undefined;
  return { node: p[0], table: p[1], chain: p[2], n: Number(p[3]) };
}

export function findLink(view: NodeNetworkView | undefined, netns: string, ifname: string): { ns: NetnsView; link: LinkView } | undefined {
  const ns = view?.namespaces.find((n) => n.id === netns);
  const link = ns?.links.find((l) => l.name === ifname);
  return ns && link ? { ns, link } : undefined;
}

export function findRule(view: NodeNetworkView | undefined, table: string, chain: string, n: number): { chain: ChainView; rule: RuleView } | undefined {
  const c = view?.chains.find((x) => x.table === table && x.name === chain);
  const rule = c?.rules[n - 1];
  return c && rule ? { chain: c, rule } : undefined;
}

/** Trace steps on this machine (and namespace, when given) decided by this line: a route or a rule the trace used. */
export function stepsDecidedBy(trace: Trace | undefined, host: string, line: string, netns?: string): TraceStep[] {
  return (trace?.steps ?? []).filter((s) => s.host === host && s.decidedBy === line && (netns === undefined || s.netns === netns));
}

/**
 * The rules a trace went through on a machine: each step's deciding rule, plus the chains it
 * jumped through on the way (`-j KUBE-SVC-…` in KUBE-SERVICES, `-j KUBE-SEP-…` in KUBE-SVC-…),
 * recovered by following jumps from the rules the steps name back to their built-in chains.
 */
const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

export function rulesHit(trace: Trace | undefined, view: NodeNetworkView): Set<string> {
  const hit = new Set<string>();
  if (!trace) return hit;
  const root = view.namespaces[0]?.id;
  const mine = trace.steps.filter((s) => s.host === view.node && s.netns === root);
  const decided = new Set(mine.filter((s) => s.decidedBy?.startsWith('-A ')).map((s) => s.decidedBy!));
  // A built-in chain counts only when the trace passed its hook (PREROUTING, not OUTPUT, for a forwarded packet).
  const stages = new Set(mine.map((s) => s.stage));
  for (const c of view.chains) c.rules.forEach((r, i) => decided.has(r.line) && hit.add(ruleId(view.node, c.table, c.name, i + 1)));
  // Walk jumps: a rule whose target chain holds a hit rule was passed through too (one rule per target, the one with packets).
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of view.chains) {
      if (BUILTIN.has(c.name) && !stages.has(`${c.table}/${c.name}`)) continue;
      const hitChains = new Set([...hit].map((id) => parseRuleId(id)).filter((p) => p && p.table === c.table).map((p) => p!.chain));
      c.rules.forEach((r, i) => {
        const id = ruleId(view.node, c.table, c.name, i + 1);
        const target = / -j (\S+)/.exec(r.line)?.[1];
        if (target && hitChains.has(target) && !hit.has(id) && r.packets > 0 && !c.rules.some((o, j) => j !== i && hit.has(ruleId(view.node, c.table, c.name, j + 1)) && / -j (\S+)/.exec(o.line)?.[1] === target)) {
          hit.add(id);
          grew = true;
        }
      });
    }
  }
  return hit;
}

/** The IPVS virtual services (`TCP 10.96.0.10:53`) and real servers (`10.244.1.3:80`) a trace went through on a machine. */
export function ipvsHits(trace: Trace | undefined, node: string): { services: Set<string>; servers: Set<string> } {
  const services = new Set<string>();
  const servers = new Set<string>();
  for (const s of trace?.steps ?? []) {
    if (s.host !== node || s.stage !== 'ipvs') continue;
    const vs = /virtual service (\S+) (\S+:\d+)/.exec(s.summary);
    if (!vs) continue;
    services.add(`${vs[1]} ${vs[2]}`);
    const rs = /real server (\S+:\d+)/.exec(s.summary);
    if (rs) servers.add(`${vs[1]} ${vs[2]}>${rs[1]}`);
  }
  return { services, servers };
}
