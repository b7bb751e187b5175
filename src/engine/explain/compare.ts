/**
 * Side-by-side dataplanes: the learner's scenario and action log replayed under two cluster
 * settings (flannel VXLAN vs host-gw, kube-proxy iptables vs ipvs, flannel vs Calico ...), the
 * same packet traced in both, and the source node's rules and routes diffed, so the difference a
 * setting makes is visible hop by hop and line by line.
 */
import type { EndpointSlice, Pod, Service } from '../api/types';
import { endpointsFor } from '../kube-proxy/rules';
import type { Trace } from '../net/trace';
import { validateScenario } from '../scenario/validate';
import { Simulation } from '../sim/simulation';
import { INTERNET } from '../net/uplink';
import { lineDiff, type DiffLine } from './lineDiff';
import type { Variant } from './comparisons';
import { sideVerdict, type SideVerdict } from './compareVerdict';

export type { ClusterPatch, Variant } from './comparisons';
export { STANDARD_COMPARISONS } from './comparisons';

export interface Probe {
  /** namespace/name of the sending pod in the live simulation, or "internet" (the client 203.0.113.1 outside). */
  from: string;
  /** namespace/name of a LoadBalancer or NodePort Service: from the internet, the probe goes to its external IP (or a node's NodePort). */
  service?: string;
  /** A pod id, a pod or Service IP, or any address. */
  to: string;
  proto?: 'icmp' | 'tcp' | 'udp';
  port?: number;
}

export interface CompareSide {
  label: string;
  trace?: Trace;
  /** Why there is no trace (the variant cannot be built, the pod does not exist there ...). */
  error?: string;
  /** The node the probe leaves from, and its rules (`iptables-save`, or in nftables mode `nft list ruleset`) and `ip route`. */
  node?: string;
  iptables: string[];
  /** The command the rules are listed with. */
  rulesCommand?: 'iptables-save' | 'nft list ruleset';
  routes: string[];
  /** The pod the request reached and the source address it saw there (the client address, or a node's after SNAT). */
  clientSeen?: { pod: string; src: string };
  /** How the probe ended and the step (rule, route) that decided it. */
  verdict?: SideVerdict;
}

export interface Comparison {
  a: CompareSide;
  b: CompareSide;
  /** Trace steps aligned by where and what (host, stage, device): '-' only in a, '+' only in b. */
  steps: DiffLine[];
  iptables: DiffLine[];
  routes: DiffLine[];
}

const podId = (p: Pod): string => `${p.metadata.namespace}/${p.metadata.name}`;

/** Pods in creation order (what keeps "the second web pod" the same pod in both replays). */
function ordered(sim: Simulation): Pod[] {
  return [...sim.pods()].sort((x, y) => String(x.metadata.creationTimestamp).localeCompare(String(y.metadata.creationTimestamp)) || podId(x).localeCompare(podId(y)));
}

/** The pod in `other` that plays the role of `pod` in `live`: the same name, or the same owner prefix and rank. */
function counterpart(live: Simulation, other: Simulation, pod: Pod): Pod | undefined {
  const same = other.pods().find((p) => podId(p) === podId(pod));
  if (same) return same;
  const prefix = pod.metadata.generateName;
  if (!prefix) return undefined;
  const siblings = (sim: Simulation): Pod[] => ordered(sim).filter((p) => p.metadata.namespace === pod.metadata.namespace && p.metadata.generateName === prefix);
  return siblings(other)[siblings(live).findIndex((p) => podId(p) === podId(pod))];
}

function findPod(sim: Simulation, idOrIp: string): Pod | undefined {
  const id = idOrIp.includes('/') ? idOrIp : `default/${idOrIp}`;
  return sim.pods().find((p) => podId(p) === id || p.status?.podIP === idOrIp);
}

/** The destination address in the variant: a pod's or Service's own address there, else as given. */
function mapDestination(live: Simulation, other: Simulation, to: string): string {
  const pod = findPod(live, to);
  if (pod) return counterpart(live, other, pod)?.status?.podIP ?? to;
  const svc = (live.ctx.api.peekAll('Service') as Service[]).find((s) => s.spec.clusterIP === to);
  if (svc) return (other.ctx.api.peekAll('Service') as Service[]).find((s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.name === svc.metadata.name)?.spec.clusterIP ?? to;
  return to;
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

function side(live: Simulation, v: Variant, probe: Probe): CompareSide {
  const out: CompareSide = { label: v.label, iptables: [], routes: [] };
  let sim: Simulation;
  try {
    const scenario = validateScenario({ ...structuredClone(live.scenario), cluster: { ...live.scenario.cluster, ...v.patch } });
    sim = Simulation.replay(scenario, live.actions);
  } catch (e) {
    return { ...out, error: `this setting cannot run the scenario: ${(e as Error).message}` };
  }
  if (probe.from === INTERNET) return fromInternet(sim, v, probe, out);
  const src = findPod(live, probe.from);
  const from = src && counterpart(live, sim, src);
  if (!from || !from.spec.nodeName) return { ...out, error: `no pod plays the part of ${probe.from} here` };
  out.node = from.spec.nodeName;
  rulesOf(sim, out);
  out.routes = lines(sim.exec(out.node, 'ip route').output);
  try {
    const opts = probe.proto && probe.proto !== 'icmp' ? { proto: probe.proto, port: probe.port } : {};
    out.trace = sim.trace(podId(from), mapDestination(live, sim, probe.to), opts);
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

/** The node's rules: kube-proxy's nftables table lists with nft (iptables-nft's tables with it), else iptables-save. */
function rulesOf(sim: Simulation, out: CompareSide): void {
  const nft = sim.scenario.cluster.kubeProxyMode === 'nftables';
  out.rulesCommand = nft ? 'nft list ruleset' : 'iptables-save';
  out.iptables = lines(sim.exec(out.node!, out.rulesCommand).output).filter((l) => !l.startsWith('#'));
}

/** The pod a request was delivered to and the source address it saw. */
function seenBy(t: Trace): CompareSide['clientSeen'] {
  const at = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver' && s.at.kind === 'pod');
  return at ? { pod: at.at.id, src: at.before.ip.src } : undefined;
}

/** A client out on the internet curls the Service from outside (after the variant's externalTrafficPolicy is set). */
function fromInternet(sim: Simulation, v: Variant, probe: Probe, out: CompareSide): CompareSide {
  const [ns, name] = (probe.service ?? '').includes('/') ? probe.service!.split('/') : ['default', probe.service ?? ''];
  const svc = sim.ctx.api.get<Service>('Service', ns, name);
  if (!svc || (svc.spec.type !== 'LoadBalancer' && svc.spec.type !== 'NodePort')) return { ...out, error: `choose a LoadBalancer or NodePort Service to send to from the internet (got "${probe.service ?? ''}")` };
  if (v.externalTrafficPolicy) {
    const patch = sim.exec('control-plane', `kubectl patch service ${name} -n ${ns} -p '{"spec":{"externalTrafficPolicy":"${v.externalTrafficPolicy}"}}'`);
    if (patch.exitCode !== 0) return { ...out, error: patch.output };
    sim.sleep(2000);
  }
  const fresh = sim.ctx.api.get<Service>('Service', ns, name)!;
  const port = fresh.spec.ports?.[0];
  const vip = fresh.status?.loadBalancer?.ingress?.[0]?.ip;
  // A NodePort goes to a node that runs an endpoint: with Local, any other node drops it (no local endpoint).
  const slices = sim.ctx.api.peekAll('EndpointSlice') as EndpointSlice[];
  const local = new Set(port ? endpointsFor(fresh, port, slices).map((e) => e.nodeName) : []);
  const node = sim.nodes().find((n) => local.has(n.metadata.name)) ?? sim.nodes()[0];
  const nodeIp = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const url = fresh.spec.type === 'LoadBalancer' && vip ? `${vip}:${port?.port}` : `${nodeIp}:${port?.nodePort}`;
  const before = sim.probes.at(-1);
  const res = sim.exec(INTERNET, `curl -s --max-time 2 http://${url}/`);
  const trace = sim.probes.at(-1) !== before ? sim.probes.at(-1)!.trace : undefined;
  if (!trace) return { ...out, error: res.output || `curl http://${url}/ sent nothing` };
  out.trace = trace;
  out.clientSeen = seenBy(trace);
  out.node = trace.steps.find((s) => s.leg === 'request' && s.at.kind === 'node' && sim.ctx.hosts.has(s.host))?.host ?? node?.metadata.name;
  if (out.node) {
    rulesOf(sim, out);
    out.routes = lines(sim.exec(out.node, 'ip route').output);
  }
  return out;
}

/**
 * A step's identity for alignment: where it happened and what kind of step it was. Generated
 * names (a ReplicaSet pod's suffix, a veth's hash) differ between two replays of the same
 * scenario, so they are not part of it.
 */
const generated = (name: string): string => name.replace(/^(pod \S+)-[a-z0-9]{5}$/, '$1-…').replace(/^(veth|cali)[0-9a-f]{8,11}$/, '$1…');
const stepKey = (s: Trace['steps'][number]): string => `${s.leg} ${s.host} ${generated(s.nsLabel)} ${generated(s.device ?? '')} ${s.stage}`;

/** Counters ([packets:bytes]) differ between any two runs; they are not what is being compared. */
const withoutCounters = (l: string): string => l.replace(/\s*\[\d+:\d+\]/g, '').replace(/ counter packets \d+ bytes \d+/g, '').replace(/ expires \S+/g, '');

export function compareDataplanes(live: Simulation, variants: [Variant, Variant], probe: Probe): Comparison {
  const a = side(live, variants[0], probe);
  const b = side(live, variants[1], probe);
  for (const s of [a, b]) if (s.trace) s.verdict = sideVerdict(s.trace, live.scenario.cluster.serviceCIDR);
  const stepText = (t?: Trace): string[] => (t?.steps ?? []).map((s) => `${stepKey(s)}\t${s.summary}`);
  return {
    a,
    b,
    steps: lineDiff(stepText(a.trace), stepText(b.trace), (l) => l.split('\t')[0]),
    iptables: lineDiff(a.iptables, b.iptables, withoutCounters),
    routes: lineDiff(a.routes, b.routes),
  };
}

