/**
 * Why a pod is Pending (the scheduler's recorded filters and the nodes each rejected, and the
 * one change that lets it schedule, verified on a copy), and for a Running pod what its
 * placement means for its packets: node, podCIDR, the routes to it, bridged or encapsulated.
 */
import type { ConfigMap, KubeEvent, Pod } from '../api/types';
import type { Action } from '../scenario/types';
import { Simulation } from '../sim/simulation';
import { bytes, milliCpu, podRequests } from '../scheduler/plugins/resources';
import { cidrContains, isCidr, prefixLen } from '../net/ip';
import { formatRoute } from '../net/iproute2';
import { fullId, nodeIP, podKey } from './whyCluster';
import type { Placement, WhyFix } from './whyTypes';
import type { Cause } from './whyTrace';
import { volumeNodeConstraints } from '../scheduler/plugins/volumeBinding';

const exec = (target: string, command: string): Action => ({ type: 'exec', target, command });

function controlPlane(sim: Simulation): string {
  return sim.nodes().find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)?.metadata.name ?? 'control-plane';
}

/** The Deployment that owns a pod through its ReplicaSet (what to patch so new pods differ). */
function deploymentOf(sim: Simulation, pod: Pod): string | undefined {
  const rs = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
  if (!rs) return undefined;
  const obj = sim.ctx.api.get('ReplicaSet', pod.metadata.namespace, rs.name);
  return obj?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
}

/** The prefix the pod's replacements share: a Deployment's pods change their ReplicaSet hash when the template changes. */
export function familyPrefix(pod: Pod | undefined): string | undefined {
  const g = pod?.metadata.generateName;
  if (!g) return undefined;
  return pod.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet') ? g.replace(/[a-z0-9]+-$/, '') : g;
}

/** Whether the pod, or the pods that replace it (same owner), are all bound to a node. */
export function scheduled(sim: Simulation, id: string, prefix?: string): boolean {
  const [ns, name] = fullId(id).split('/');
  const mine = sim.ctx.api.list<Pod>('Pod', ns).filter((p) => !p.metadata.deletionTimestamp && (p.metadata.name === name || (prefix && p.metadata.generateName?.startsWith(prefix))));
  return mine.length > 0 && mine.every((p) => !!p.spec.nodeName);
}

interface Candidate {
  fix: WhyFix;
}

function candidates(sim: Simulation, pod: Pod, rejected: { node: string; plugin: string; reasons: string[] }[]): Candidate[] {
  const cp = controlPlane(sim);
  const ns = pod.metadata.namespace ?? 'default';
  const deploy = deploymentOf(sim, pod);
  const owner = deploy ? `deployment ${deploy}` : undefined;
  const out: Candidate[] = [];
  for (const r of rejected.filter((x) => x.plugin === 'NodeUnschedulable')) {
    out.push({ fix: { summary: `uncordon ${r.node} (it is marked unschedulable)`, actions: [exec(cp, `kubectl uncordon ${r.node}`)] } });
  }
  const sel = pod.spec.nodeSelector ?? {};
  for (const r of rejected.filter((x) => x.plugin === 'NodeAffinity' && Object.keys(sel).length > 0)) {
    const node = sim.nodes().find((n) => n.metadata.name === r.node);
    const missing = Object.entries(sel).filter(([k, v]) => node?.metadata.labels?.[k] !== v);
    out.push({ fix: { summary: `label ${r.node} so the pod's nodeSelector matches it`, actions: [exec(cp, `kubectl label node ${r.node} ${missing.map(([k, v]) => `${k}=${v}`).join(' ')}${missing.some(([k]) => node?.metadata.labels?.[k] !== undefined) ? ' --overwrite' : ''}`)] } });
  }
  const taints = rejected.filter((x) => x.plugin === 'TaintToleration');
  for (const r of taints) {
    const node = sim.nodes().find((n) => n.metadata.name === r.node);
    const taint = node?.spec.taints?.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !t.key.startsWith('node.kubernetes.io/'));
    if (!taint || !owner) continue;
    const tol = JSON.stringify({ key: taint.key, operator: taint.value ? 'Equal' : 'Exists', ...(taint.value ? { value: taint.value } : {}), effect: taint.effect });
    const path = '/spec/template/spec/tolerations';
    const op = (sim.ctx.api.get('Deployment', ns, deploy!) as { spec?: { template?: { spec?: { tolerations?: unknown[] } } } } | undefined)?.spec?.template?.spec?.tolerations ? `{"op":"add","path":"${path}/-","value":${tol}}` : `{"op":"add","path":"${path}","value":[${tol}]}`;
    out.push({ fix: { summary: `let the pods of ${owner} tolerate ${r.node}'s taint ${taint.key}:${taint.effect}`, actions: [exec(cp, `kubectl patch ${owner} -n ${ns} --type json -p '[${op}]'`), { type: 'sleep', ms: 10_000 }] } });
  }
  const fit = rejected.filter((x) => x.plugin === 'NodeResourcesFit');
  if (fit.length > 0 && owner) {
    // The most any node has left, so one replica fits there.
    const want = podRequests(pod);
    const free = fit.map((r) => {
      const node = sim.nodes().find((n) => n.metadata.name === r.node)!;
      const used = sim.pods().filter((p) => p.spec.nodeName === r.node && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').map(podRequests);
      return { cpu: milliCpu(node.status?.allocatable?.cpu) - used.reduce((s, u) => s + u.cpu, 0), memory: bytes(node.status?.allocatable?.memory) - used.reduce((s, u) => s + u.memory, 0) };
    });
    const best = free.sort((a, b) => b.cpu - a.cpu)[0];
    const ops: string[] = [];
    const c0 = pod.spec.containers[0]?.resources?.requests ?? {};
    if (want.cpu > best.cpu && c0.cpu) ops.push(`{"op":"replace","path":"/spec/template/spec/containers/0/resources/requests/cpu","value":"${Math.max(10, Math.floor(best.cpu / 2))}m"}`);
    if (want.memory > best.memory && c0.memory) ops.push(`{"op":"replace","path":"/spec/template/spec/containers/0/resources/requests/memory","value":"${Math.max(16, Math.floor(best.memory / 2 / 1048576))}Mi"}`);
    if (ops.length > 0) out.push({ fix: { summary: `lower the requests of ${owner} to what a node has free`, actions: [exec(cp, `kubectl patch ${owner} -n ${ns} --type json -p '[${ops.join(',')}]'`), { type: 'sleep', ms: 10_000 }] } });
  }
  return out;
}

/** flannel's net-conf.json Network, when it does not hold the node's podCIDR (pods cannot get a subnet.env). */
function flannelNetworkMismatch(sim: Simulation, node: string): { network: string; podCIDR: string } | undefined {
  if (sim.scenario.cluster.cni !== 'flannel') return undefined;
  const cm = sim.ctx.api.get<ConfigMap>('ConfigMap', 'kube-flannel', 'kube-flannel-cfg');
  let network: string | undefined;
  try {
    network = (JSON.parse(cm?.data?.['net-conf.json'] ?? '{}') as { Network?: string }).Network;
  } catch {
    return undefined;
  }
  const podCIDR = sim.nodes().find((n) => n.metadata.name === node)?.spec.podCIDR;
  if (!network || !podCIDR || !isCidr(network) || cidrContains(network, podCIDR.split('/')[0])) return undefined;
  return { network, podCIDR };
}

/** A scheduled pod that does not run: the kubelet's last warning for it (a sandbox the CNI plugin could not set up ...). */
export function sandboxCause(live: Simulation, pod: Pod): Cause | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const events = (live.ctx.api.peekAll('Event') as KubeEvent[]).filter((e) => e.type === 'Warning' && e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name && (e.involvedObject.namespace ?? 'default') === ns);
  const last = events.sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)))[events.length - 1];
  if (!last) return undefined;
  const node = pod.spec.nodeName!;
  const evidence = { target: controlPlane(live), command: `kubectl describe pod ${pod.metadata.name} -n ${ns}`, line: `Warning  ${last.reason}  kubelet  ${last.message}` };
  const mismatch = flannelNetworkMismatch(live, node);
  if (mismatch) {
    const conf = JSON.stringify(JSON.stringify({ Network: live.scenario.cluster.podCIDR, Backend: { Type: live.scenario.cluster.flannelBackend ?? 'vxlan' } }));
    const cp = controlPlane(live);
    return {
      kind: 'other',
      cause: `flannel's net-conf.json says "Network": "${mismatch.network}", but ${node}'s podCIDR is ${mismatch.podCIDR}: flanneld refuses the lease and never writes /run/flannel/subnet.env, so the flannel CNI plugin cannot set up any pod sandbox on ${node}.`,
      evidence,
      fix: {
        summary: `make flannel's Network the cluster's pod CIDR ${live.scenario.cluster.podCIDR} and restart flanneld`,
        actions: [
          { type: 'exec', target: cp, command: `kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge -p '{"data":{"net-conf.json":${conf}}}'` },
          { type: 'exec', target: cp, command: 'kubectl delete pod -n kube-flannel -l app=flannel' },
          { type: 'sleep', ms: 20_000 },
        ],
      },
    };
  }
  return { kind: 'other', cause: `Scheduled on ${node}, but the kubelet reports ${last.reason}: ${last.message}`, evidence, noFix: 'Read the message: it names the component that failed (the CNI plugin, the image pull ...).' };
}

/** Why a pod is Pending: the recorded decision, and the first candidate fix that schedules it on a copy. */
export function podCause(live: Simulation, id: string): Cause | undefined {
  const [ns, name] = fullId(id).split('/');
  const pod = live.ctx.api.get<Pod>('Pod', ns, name);
  if (!pod || pod.spec.nodeName) return undefined;
  const decision = live.schedulingDecisions(fullId(id))[0];
  if (!decision) return { kind: 'unschedulable', cause: `${fullId(id)} has not been through a scheduling cycle yet.`, noFix: 'Let some time pass.' };
  const rejected = decision.nodes.filter((n) => n.rejectedBy).map((n) => ({ node: n.node, plugin: n.rejectedBy!, reasons: n.reasons ?? (n.reason ? [n.reason] : []) }));
  const byPlugin = new Map<string, string[]>();
  for (const r of rejected) byPlugin.set(r.plugin, [...(byPlugin.get(r.plugin) ?? []), r.node]);
  const details = rejected.map((r) => `${r.node}: ${r.plugin} — ${r.reasons.join(', ') || 'rejected'}`);
  // VolumeBinding: say which node(s) the pod's bound volumes tie it to.
  const vols = byPlugin.has('VolumeBinding') ? volumeNodeConstraints(live.ctx, pod, live.nodes()) : [];
  const volText = vols.map((v) => ` Its claim ${v.claim} is bound to PersistentVolume ${v.pv}, whose node affinity allows only ${v.nodes.join(', ') || 'no node'}.`).join('');
  const cause = `The scheduler found no node for ${fullId(id)}: ${[...byPlugin].map(([p, nodes]) => `${p} rejected ${nodes.join(', ')}`).join('; ')}.${volText}`;
  if (rejected.some((r) => r.reasons.some((x) => x.includes('node.kubernetes.io/not-ready'))) && rejected.every((r) => r.plugin === 'TaintToleration' || r.plugin === 'NodeAffinity')) {
    return { kind: 'unschedulable', cause: `${cause} The nodes are NotReady: their kubelet reports NetworkReady=false (no CNI config in /etc/cni/net.d), so they carry the node.kubernetes.io/not-ready taint.`, details, noFix: 'Install a pod network (a CNI plugin and its config): the nodes turn Ready and the taint goes away.' };
  }
  const evidence = { target: controlPlane(live), command: `kubectl describe pod ${name} -n ${ns}`, line: `Warning  FailedScheduling  default-scheduler  ${decision.message ?? ''}`.trim() };
  const prefix = familyPrefix(pod);
  for (const c of candidates(live, pod, rejected)) {
    const copy = Simulation.replay(live.scenario, live.actions);
    for (const a of c.fix.actions) copy.apply(a);
    copy.sleep(5_000);
    if (scheduled(copy, id, prefix)) return { kind: 'unschedulable', cause, evidence, details, fix: c.fix };
  }
  return { kind: 'unschedulable', cause, evidence, details, noFix: 'No single change found that lets it schedule: free a node (delete pods), add a node, or change the pod.' };
}

/** The route on `host` that a packet to `ip` takes (longest prefix, not the default). */
function routeTo(sim: Simulation, host: string, ip: string): string | undefined {
  const routes = (sim.ctx.net.namespaces.get(host)?.routes ?? []).filter((r) => r.dst !== 'default' && r.type !== 'blackhole' && cidrContains(r.dst, ip));
  const best = routes.sort((a, b) => prefixLen(b.dst) - prefixLen(a.dst))[0];
  return best ? formatRoute(best) : undefined;
}

/** What the scheduler's choice means for the pod's packets. */
export function placement(sim: Simulation, id: string, peerId?: string): Placement | undefined {
  const [ns, name] = fullId(id).split('/');
  const pod = sim.ctx.api.get<Pod>('Pod', ns, name);
  const nodeName = pod?.spec.nodeName;
  const podIP = pod?.status?.podIP;
  if (!pod || !nodeName || !podIP || pod.spec.hostNetwork) return undefined;
  const node = sim.nodes().find((n) => n.metadata.name === nodeName);
  const others = sim.nodes().filter((n) => n.metadata.name !== nodeName);
  const routes = others.map((n) => ({ node: n.metadata.name, route: routeTo(sim, n.metadata.name, podIP) ?? `(no route: ${podIP} would take the default route)` }));
  const running = sim.pods().filter((p) => p.status?.phase === 'Running' && p.status.podIP && !p.spec.hostNetwork && podKey(p) !== fullId(id));
  const peer = (peerId ? running.find((p) => podKey(p) === fullId(peerId)) : undefined) ?? running.find((p) => p.spec.nodeName !== nodeName) ?? running[0];
  const block = sim.scenario.cluster.cni === 'calico' ? sim.ctx.net.namespaces.get(nodeName)?.routes.find((r) => r.type === 'blackhole' && cidrContains(r.dst, podIP))?.dst : undefined;
  const out: Placement = { pod: fullId(id), node: nodeName, podIP, podCIDR: block ?? node?.spec.podCIDR, ...(block ? { ipamBlock: true } : {}), routes };
  if (peer) {
    const pn = peer.spec.nodeName!;
    if (pn === nodeName) {
      const bridge = sim.scenario.cluster.cni === 'calico' ? undefined : 'cni0';
      out.peer = { pod: podKey(peer), node: pn, path: bridge ? 'bridge' : 'route', device: bridge, line: bridge ? `both on ${pn}: bridged locally on ${bridge}, never leaves the node` : `both on ${pn}: routed locally to ${routeTo(sim, pn, podIP) ?? podIP}` };
    } else {
      const r = routeTo(sim, pn, podIP) ?? '';
      const dev = /dev (\S+)/.exec(r)?.[1];
      const path = dev === 'flannel.1' ? 'vxlan' : dev === 'tunl0' ? 'ipip' : r.includes(`via ${node ? nodeIP(node) : '?'}`) ? 'host-gw' : 'route';
      const how = { vxlan: `encapsulated in VXLAN on flannel.1 (UDP 8472) to ${nodeName}`, ipip: `encapsulated IP-in-IP on tunl0 to ${nodeName}`, 'host-gw': `routed unencapsulated to ${nodeName}'s address (host-gw)`, route: r ? 'routed as the route says' : 'no route: it would follow the default route and be lost' }[path];
      out.peer = { pod: podKey(peer), node: pn, path, device: dev, line: `from ${podKey(peer)} on ${pn}: ${r || '—'} — ${how}` };
    }
  }
  return out;
}
