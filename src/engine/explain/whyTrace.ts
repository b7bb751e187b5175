/**
 * Why a traced packet did not arrive: the one thing that decided it (a chain policy, a rule by
 * number, a missing route, a missing MASQUERADE, flannel's wrong public IP, a ClusterIP that
 * only answers its ports, a Service without endpoints, a NetworkPolicy) and the fix for it.
 */
import type { Trace, TraceStep } from '../net/trace';
import type { Node } from '../api/types';
import type { Action } from '../scenario/types';
import type { Simulation } from '../sim/simulation';
import { cidrContains } from '../net/ip';
import { ifaceWith, nodeIP, nodeOfAddress, podByIdOrIp, serviceByClusterIP } from './whyCluster';
import { serviceCause } from './whyService';
import type { CauseKind, WhyFix, WhyNot, WhyOutcome } from './whyTypes';

type TraceSubject = Extract<WhyNot['subject'], { kind: 'trace' }>;
export type Cause = Omit<WhyNot, 'subject' | 'before' | 'failed'> & { kind: CauseKind };

const exec = (target: string, command: string): Action => ({ type: 'exec', target, command });

export const traceFailed = (t: Trace): boolean => t.outcome === 'dropped' || !t.replied || !!t.refused || !!t.icmpError;

export function traceOutcome(t: Trace): WhyOutcome {
  const decidedBy = [...t.steps].reverse().find((s) => s.decidedBy)?.decidedBy;
  if (t.outcome === 'dropped') return { ok: false, text: `dropped — ${t.reason ?? 'no reason given'}`, decidedBy };
  if (t.icmpError) return { ok: false, text: `ICMP ${t.icmpError.type} from ${t.icmpError.from}`, decidedBy };
  if (t.refused) return { ok: false, text: 'Connection refused (RST): nothing listens on that port', decidedBy };
  if (!t.replied) return { ok: false, text: 'delivered, but the reply did not come back', decidedBy };
  return { ok: true, text: t.listener ? `delivered, answered by ${t.listener}` : 'delivered and answered' };
}

/** The iptables step that dropped or rejected the packet: table, chain, and the rule number or the policy. */
const VERDICT = /^iptables (\w+) (\w+): (DROP|REJECT) by (\w+)\/(\S+) (?:\(the chain's policy\)|rule (\d+))/;

function iptablesCause(sim: Simulation, step: TraceStep): Cause | undefined {
  const m = VERDICT.exec(step.summary);
  if (!m) return undefined;
  const [, , hook, verdict, table, chain, num] = m;
  const host = step.host;
  const t = table === 'filter' ? '' : `-t ${table} `;
  const list = `iptables ${t}-L ${chain} -n --line-numbers`;
  const listed = sim.exec(host, list).output.split('\n');
  if (chain.startsWith('cali-') && /no policies passed|no profiles matched/.test(step.decidedBy ?? '')) return policyCause(sim, step, host, list, listed);
  if (!num) {
    const pktSrc = step.before.ip.src;
    const cluster = sim.scenario.cluster.podCIDR;
    const match = cidrContains(cluster, pktSrc) ? `-s ${cluster}` : `-d ${cluster}`;
    return {
      kind: 'chain-policy',
      cause: `${host}: no rule in ${table}/${chain} accepted the packet, so the chain's policy ${verdict} decided (${hook} hook).`,
      evidence: { target: host, command: list, line: listed[0] ?? `Chain ${chain} (policy ${verdict})` },
      fix: {
        summary: `accept pod traffic in ${chain} before the policy applies, with one rule at the top of the chain`,
        actions: [exec(host, `iptables ${t}-I ${chain} 1 ${match} -j ACCEPT`)],
        alternatives: [`iptables ${t}-P ${chain} ACCEPT`],
      },
    };
  }
  const line = listed.find((l) => l.startsWith(`${num} `)) ?? step.decidedBy ?? '';
  return {
    kind: 'rule',
    cause: `${host}: rule ${num} of ${table}/${chain} matched the packet and ${verdict === 'DROP' ? 'dropped' : 'rejected'} it.`,
    evidence: { target: host, command: list, line },
    details: step.decidedBy ? [step.decidedBy] : undefined,
    fix: { summary: `delete rule ${num} of ${chain}`, actions: [exec(host, `iptables ${t}-D ${chain} ${num}`)] },
  };
}

/** Calico: the tier ended with no policy accepting the packet: the policies that select the pod. */
function policyCause(sim: Simulation, step: TraceStep, host: string, command: string, listed: string[]): Cause {
  const ingress = /^cali-tw-/.test(/^-A (\S+)/.exec(step.decidedBy ?? '')?.[1] ?? 'cali-tw-');
  const ip = ingress ? step.before.ip.dst : step.before.ip.src;
  const pod = podByIdOrIp(sim, ip);
  const ns = pod?.metadata.namespace ?? 'default';
  const policies = sim.ctx.api.list<import('../api/types').NetworkPolicy>('NetworkPolicy', ns).filter((np) => {
    const types = np.spec.policyTypes ?? ['Ingress'];
    const sel = np.spec.podSelector?.matchLabels ?? {};
    return types.includes(ingress ? 'Ingress' : 'Egress') && Object.entries(sel).every(([k, v]) => pod?.metadata.labels?.[k] === v);
  });
  const names = policies.map((p) => p.metadata.name).join(', ') || '(none)';
  const other = ingress ? step.before.ip.src : step.before.ip.dst;
  const peer = podByIdOrIp(sim, other);
  const from = peer?.metadata.labels ? Object.fromEntries(Object.entries(peer.metadata.labels).filter(([k]) => k !== 'pod-template-hash')) : undefined;
  const podLabels = Object.fromEntries(Object.entries(pod?.metadata.labels ?? {}).filter(([k]) => k !== 'pod-template-hash'));
  const peerYaml = from && Object.keys(from).length > 0 ? `    - podSelector:\n        matchLabels:\n${Object.entries(from).map(([k, v]) => `          ${k}: ${v}`).join('\n')}` : `    - ipBlock:\n        cidr: ${other}/32`;
  const manifest = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: allow-${peer?.metadata.name ?? 'peer'}-${ingress ? 'to' : 'from'}-${pod?.metadata.labels?.app ?? pod?.metadata.name ?? 'pod'}`.slice(0, 63),
    `  namespace: ${ns}`,
    'spec:',
    '  podSelector:',
    Object.keys(podLabels).length > 0 ? `    matchLabels:\n${Object.entries(podLabels).map(([k, v]) => `      ${k}: ${v}`).join('\n')}` : '    {}',
    '  policyTypes:',
    `  - ${ingress ? 'Ingress' : 'Egress'}`,
    `  ${ingress ? 'ingress' : 'egress'}:`,
    `  - ${ingress ? 'from' : 'to'}:`,
    peerYaml,
  ].join('\n');
  return {
    kind: 'network-policy',
    cause: `NetworkPolicy ${names} in ${ns} select${policies.length === 1 ? 's' : ''} ${pod ? pod.metadata.name : ip} for ${ingress ? 'ingress' : 'egress'}, and none of ${policies.length === 1 ? 'its rules' : 'their rules'} allows ${other}: Calico's felix drops it on ${host}.`,
    evidence: { target: host, command, line: listed.find((l) => /no policies passed/.test(l)) ?? step.decidedBy ?? '' },
    fix: { summary: `allow ${peer ? peer.metadata.name : other} with one more NetworkPolicy (policies add up; the existing ones stay)`, actions: [{ type: 'apply', manifest }] },
  };
}

/** flannel announced the same public IP for every node (Vagrant's NAT interface). */
function flannelPublicIpCause(sim: Simulation): Cause | undefined {
  if (sim.scenario.cluster.cni !== 'flannel') return undefined;
  const nodes = sim.nodes();
  const ips = nodes.map((n) => n.metadata.annotations?.['flannel.alpha.coreos.com/public-ip']);
  if (nodes.length < 2 || !ips[0] || ips.some((ip) => ip !== ips[0])) return undefined;
  const iface = ifaceWith(sim, nodes[0].metadata.name, nodeIP(nodes[0])) ?? 'eth0';
  const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)?.metadata.name ?? nodes[0].metadata.name;
  return {
    kind: 'flannel-public-ip',
    cause: `flannel announced the same public IP (${ips[0]}) for all ${nodes.length} nodes: it picked the interface of the default route, not ${iface} that holds the node addresses, so VXLAN sends to an address every node has.`,
    evidence: { target: cp, command: 'kubectl get nodes -o yaml | grep public-ip', line: `      flannel.alpha.coreos.com/public-ip: ${ips[0]}` },
    fix: {
      summary: `start flanneld with --iface=${iface} and restart the flannel pods`,
      actions: [
        exec(cp, `kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=${iface}"}]'`),
        exec(cp, 'kubectl delete pod -n kube-flannel -l app=flannel'),
        { type: 'sleep', ms: 30_000 },
      ],
    },
  };
}

function routeFix(sim: Simulation, dst: string, host: string, viaCloud: boolean): { node?: Node; action?: Action } {
  const node = nodeOfAddress(sim, dst);
  if (!node?.spec.podCIDR) return {};
  const ip = nodeIP(node);
  const action = viaCloud
    ? exec(host, `gcloud compute routes create k8s-${node.metadata.name} --network k8s --destination-range ${node.spec.podCIDR} --next-hop-address ${ip}`)
    : exec(host, `ip route add ${node.spec.podCIDR} via ${ip}`);
  return { node, action };
}

function routeCause(sim: Simulation, t: Trace, last: TraceStep): Cause | undefined {
  const reason = t.reason ?? '';
  const dst = last.before.ip.dst;
  if (reason.startsWith('the internet has no route back to')) {
    const src = last.before.ip.dst;
    const node = nodeOfAddress(sim, src);
    if (!node?.spec.podCIDR) return undefined;
    const host = node.metadata.name;
    const out = [...t.steps].reverse().find((s) => s.host === host && s.stage.includes('POSTROUTING'));
    return {
      kind: 'no-masquerade',
      cause: `${host} sent the packet to the internet with the pod's own source address ${src}: no nat POSTROUTING rule masqueraded it, and nobody on the internet routes a reply to 10.x addresses.`,
      evidence: { target: host, command: 'iptables -t nat -S POSTROUTING', line: out?.decidedBy ?? ':POSTROUTING ACCEPT' },
      fix: { summary: `masquerade ${host}'s pods when they leave the pod network`, actions: [exec(host, `iptables -t nat -A POSTROUTING -s ${node.spec.podCIDR} ! -d ${sim.scenario.cluster.podCIDR} -j MASQUERADE`)] },
    };
  }
  if (reason.startsWith('the internet does not route private addresses')) {
    const router = [...t.steps].reverse().find((s) => s.host === 'router' && s.decidedBy && /route|forward/.test(s.stage));
    const srcNode = [...t.steps].reverse().find((s) => sim.ctx.hosts.has(s.host))?.host ?? 'control-plane';
    const { node, action } = routeFix(sim, dst, srcNode, true);
    if (!action) return undefined;
    return {
      kind: 'no-route',
      cause: `No route for ${node!.spec.podCIDR} (${node!.metadata.name}'s pods): ${srcNode} and the router sent ${dst} along the default route to the internet, which drops private addresses.`,
      evidence: { target: 'router', command: `ip route get ${dst}`, line: router?.decidedBy ?? 'default via 203.0.113.1 dev eth1' },
      fix: { summary: `one cloud route on the router: ${node!.spec.podCIDR} via ${node!.metadata.name} (${nodeIP(node!)})`, actions: [action], alternatives: [`ip route add ${node!.spec.podCIDR} via ${nodeIP(node!)}   # on each node, when they share a network`] },
    };
  }
  const m = /^no route to (\S+)(?: \(after DNAT\))? (?:on|in) (\S+)/.exec(reason);
  if (m && sim.ctx.hosts.has(last.host)) {
    const { node, action } = routeFix(sim, m[1], last.host, false);
    if (!action) return undefined;
    return {
      kind: 'no-route',
      cause: `${last.host} has no route to ${m[1]} (${node!.metadata.name}'s pod subnet ${node!.spec.podCIDR}).`,
      evidence: { target: last.host, command: `ip route get ${m[1]}`, line: 'RTNETLINK answers: Network is unreachable' },
      fix: { summary: `a route on ${last.host} to ${node!.spec.podCIDR} via ${node!.metadata.name}`, actions: [action] },
    };
  }
  return undefined;
}

/** The cause of a failed trace, read from its steps and the cluster it ran in. */
export function traceCause(sim: Simulation, t: Trace, subject: TraceSubject): Cause | undefined {
  const svc = serviceByClusterIP(sim, t.dst);
  if (svc && t.proto === 'icmp') {
    const host = podByIdOrIp(sim, subject.from)?.spec.nodeName ?? sim.nodes()[0]?.metadata.name ?? 'control-plane';
    const rule = sim.exec(host, 'iptables-save -t nat').output.split('\n').find((l) => l.startsWith(`-A KUBE-SERVICES -d ${t.dst}/32`));
    const tcp = svc.spec.ports?.find((p) => (p.protocol ?? 'TCP') === 'TCP');
    const noFix = `Nothing is broken: a ClusterIP never answers ping. Test the Service on its port instead (${tcp ? `curl ${t.dst}:${tcp.port}, or a TCP trace to port ${tcp.port}` : `a UDP trace to port ${svc.spec.ports?.[0]?.port ?? '?'}`}).`;
    // ipvs (since 1.27) and nftables mode do not stay silent: they reject what is not a service port.
    const reject = t.icmpError?.type === 'port-unreachable' ? [...t.steps].reverse().find((s) => / REJECT by /.test(s.summary)) : undefined;
    if (reject) {
      const nft = reject.summary.startsWith('nft ');
      const chain = nft ? /chain (\S+) rule/.exec(reject.summary)?.[1] : /by filter\/(\S+)/.exec(reject.summary)?.[1];
      const command = nft ? `nft list chain ip kube-proxy ${chain ?? 'cluster-ips-check'}` : `iptables -L ${chain ?? 'KUBE-IPVS-FILTER'} -n --line-numbers`;
      return {
        kind: 'clusterip-icmp',
        cause: nft
          ? `${t.dst} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}: kube-proxy's nftables mode rejects anything sent to a ClusterIP that is not one of the Service's ports, so the ping gets ICMP port unreachable back instead of an echo reply.`
          : `${t.dst} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}: in ipvs mode kube-proxy binds it to kube-ipvs0, so ${reject.host} owns the address, but since Kubernetes 1.27 ${chain ?? 'KUBE-IPVS-FILTER'} rejects anything that is not one of the Service's ports — the ping gets ICMP port unreachable back.`,
        evidence: { target: reject.host, command, line: sim.exec(reject.host, command).output.split('\n').find((l) => /reject/i.test(l)) ?? reject.decidedBy ?? reject.summary },
        noFix,
      };
    }
    return {
      kind: 'clusterip-icmp',
      cause: `${t.dst} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}: it exists only as kube-proxy's rules for the Service's ports (-p tcp/udp --dport), so an ICMP echo matches none and nothing answers.`,
      evidence: { target: host, command: `iptables-save -t nat | grep ${t.dst}`, line: rule ?? `(no rule for ${t.dst}: kube-proxy in ipvs mode binds it to kube-ipvs0)` },
      noFix,
    };
  }
  if (svc) {
    const c = serviceCause(sim, svc);
    if (c) return c;
  }
  const dropAt = [...t.steps].reverse().find((s) => VERDICT.test(s.summary));
  if (dropAt && (t.outcome === 'dropped' || t.icmpError?.type === 'port-unreachable')) {
    const c = iptablesCause(sim, dropAt);
    if (c) return c;
  }
  const last = t.steps[t.steps.length - 1];
  if (t.outcome === 'dropped' && last) {
    if (last.stage === 'vxlan-encap' || /VTEP|FDB/.test(t.reason ?? '')) {
      const c = flannelPublicIpCause(sim);
      if (c) return c;
    }
    const c = routeCause(sim, t, last);
    if (c) return c;
  }
  return undefined;
}

export type { WhyFix };
