/**
 * A big cluster as a plain scenario (the Scale tab's "Build this cluster"): N workers on a /16
 * node network, a pod CIDR with a /24 per node, a Deployment of R nginx replicas and S ClusterIP
 * Services in front of a small backend. Nothing here is special to the engine: the result is a
 * scenario and an action log like any other, so a link or a file reproduces it exactly and
 * `npm run sim -- --scenario` runs it.
 */
import { DEFAULT_MANIFESTS } from './defaults';
import { defaultScenario } from './defaults';
import type { Action, Scenario } from './types';
import { ENVELOPE_NODES } from '../kubemark/layout';
import { dotted } from '../net/ip';

export type KubeProxyMode = 'iptables' | 'ipvs' | 'nftables';

export interface BigClusterSpec {
  /** Worker nodes; the control plane comes on top. */
  workers: number;
  /** Replicas of the Deployment "web" (nginx), spread over the workers by the scheduler. */
  replicas: number;
  /** ClusterIP Services svc-0 … selecting the 3 pods of the Deployment "backend". */
  services: number;
  kubeProxyMode: KubeProxyMode;
  /**
   * Kubemark hollow nodes beside the workers (kubemark/): real Nodes to the control plane, with
   * no machine behind them. They carry Kubernetes' whole envelope: 5,000 nodes, 150,000 pods.
   */
  hollowNodes?: number;
}

/**
 * What the playground builds, from what a browser tab holds and still answers (measured in
 * Chromium on 2 busy cores: 1,000 nodes and 10,000 replicas boot in 12–40 s, then a command takes
 * 0.25 s). kube-proxy programs every Service on every node, so Services are bounded by Services ×
 * nodes as well: 10,000 Services on 10 nodes or 1,000 on 100 build in 4–9 s (in Node), and a
 * command then takes 0.1–0.2 s. Within PLAYGROUND_LIMITS and scenario LIMITS.
 */
export const BIG_LIMITS = { workers: 999, replicas: 10_000, services: 10_000, serviceNodes: 100_000 };

/** With hollow nodes: Kubernetes' documented envelope (150,000 pods on 5,000 nodes, 30 a node). */
export const ENVELOPE = { nodes: ENVELOPE_NODES, pods: 150_000, podsPerHollowNode: 30 };

/** The most replicas a spec may ask for: 10,000 on machines, and 30 more per hollow node up to 150,000. */
export function maxReplicas(hollowNodes: number): number {
  return Math.min(ENVELOPE.pods, BIG_LIMITS.replicas + ENVELOPE.podsPerHollowNode * hollowNodes);
}

/** The most hollow nodes beside `workers` workers and the control plane. */
export function maxHollowNodes(workers: number): number {
  return Math.max(0, ENVELOPE.nodes - workers - 1);
}

/** kubelet's default --max-pods: more replicas than workers × 110 stay Pending. */
export const MAX_PODS_PER_NODE = 110;

/** The spec's problems, one sentence each (empty when it can be built). */
export function checkBigCluster(spec: BigClusterSpec): string[] {
  const errs: string[] = [];
  const whole = (v: number, min: number, max: number, what: string): void => {
    if (!Number.isInteger(v) || v < min || v > max) errs.push(`${what}: must be a whole number from ${min} to ${max.toLocaleString('en-US')}, not ${String(v)}`);
  };
  const hollow = spec.hollowNodes ?? 0;
  whole(spec.workers, 1, BIG_LIMITS.workers, 'worker nodes');
  whole(hollow, 0, maxHollowNodes(Number.isInteger(spec.workers) ? Math.min(Math.max(spec.workers, 1), BIG_LIMITS.workers) : 1), 'hollow nodes');
  whole(spec.replicas, 0, maxReplicas(Number.isInteger(hollow) && hollow > 0 ? hollow : 0), 'replicas');
  whole(spec.services, 0, BIG_LIMITS.services, 'Services');
  // kube-proxy programs Services only on the machines (a hollow kube-proxy writes to fake iptables).
  const nodes = spec.workers + 1;
  if (errs.length === 0 && spec.services * nodes > BIG_LIMITS.serviceNodes) {
    errs.push(`Services × nodes: ${spec.services} × ${nodes} is more than ${BIG_LIMITS.serviceNodes.toLocaleString('en-US')} (kube-proxy programs every Service on every node): at most ${maxServices(spec.workers)} Services on ${nodes} nodes`);
  }
  if (!['iptables', 'ipvs', 'nftables'].includes(spec.kubeProxyMode)) errs.push(`kube-proxy mode: must be iptables, ipvs or nftables, not ${String(spec.kubeProxyMode)}`);
  return errs;
}

/** The most Services a cluster of `workers` workers (and its control plane) may get. */
export function maxServices(workers: number): number {
  return Math.min(BIG_LIMITS.services, Math.floor(BIG_LIMITS.serviceNodes / (workers + 1)));
}

/**
 * The scenario and its one action for a spec: the Services are applied once the pods run, as an
 * admin would (`kubectl apply -f services.yaml`) — the endpoints controller then looks at each
 * Service once instead of at every Service for every pod that starts. Throws naming what is wrong.
 */
export function bigCluster(spec: BigClusterSpec): { scenario: Scenario; actions: Action[] } {
  const scenario = bigClusterScenario(spec);
  const services = Array.from({ length: spec.services }, (_, i) => service(`svc-${i}`));
  // One apply per SERVICES_PER_APPLY, each well inside a manifest's size limit.
  const actions: Action[] = [];
  // With hollow nodes the Deployment is scaled once they have joined (they join after the
  // scenario's manifests): otherwise the replicas would queue on the machines first.
  if ((spec.hollowNodes ?? 0) > 0) actions.push({ type: 'exec', target: 'control-plane', command: `kubectl scale deployment web --replicas=${spec.replicas}` });
  for (let i = 0; i < services.length; i += SERVICES_PER_APPLY) actions.push({ type: 'apply', manifest: `${services.slice(i, i + SERVICES_PER_APPLY).join('\n---\n')}\n` });
  return { scenario, actions };
}

/** The scenario alone: the cluster, the web Deployment, and the backend when there are Services. */
export function bigClusterScenario(spec: BigClusterSpec): Scenario {
  const errs = checkBigCluster(spec);
  if (errs.length > 0) throw new Error(errs.join('; '));
  const s = defaultScenario();
  const { workers, replicas, services, kubeProxyMode } = spec;
  const hollow = spec.hollowNodes ?? 0;
  s.name = `${workers + 1} nodes${hollow > 0 ? ` + ${hollow} hollow` : ''}, ${replicas} replicas, ${services} Services (${kubeProxyMode})`;
  s.cluster.kubeProxyMode = kubeProxyMode;
  layOutNodes(s, workers, hollow);
  // The default scenario's web Deployment (scaled; with hollow nodes, by the first action) and client pod, then the backend for the Services.
  const docs = [DEFAULT_MANIFESTS.replace('replicas: 3', `replicas: ${hollow > 0 ? 3 : replicas}`).trimEnd()];
  if (services > 0) docs.push(nginxDeployment('backend', 3));
  s.manifests = `${docs.join('\n---\n')}\n`;
  return s;
}

/**
 * The machines of a big cluster: the control plane and `workers` workers on a /16 node network
 * (200 per /24, from .10 up: the control plane is 172.16.0.10), and a pod CIDR with a /24 for
 * each. kubeadm's usual 10.244.0.0/16 (flannel's default) holds 256 of them; past that the admin
 * passes a wider --pod-network-cidr, as one must on a real cluster.
 */
export function layOutNodes(s: Scenario, workers: number, hollowNodes = 0): void {
  s.cluster.nodeNetwork = '172.16.0.0/16';
  const bits = Math.max(8, Math.ceil(Math.log2(workers + 1 + hollowNodes)));
  // 10.244.0.0 with the host bits cleared: past 1,024 nodes that is 10.240.0.0/13, then 10.224.0.0/11.
  const base = 10 * 2 ** 24 + ((244 >> (bits - 8)) << (bits - 8)) * 2 ** 16;
  s.cluster.podCIDR = `${dotted(base)}/${24 - bits}`;
  if (hollowNodes > 0) s.cluster.hollowNodes = hollowNodes;
  const ip = (i: number): string => `172.16.${Math.floor(i / 200)}.${10 + (i % 200)}`;
  s.nodes = [{ name: 'control-plane', role: 'control-plane', ip: ip(0), runtime: 'containerd' }];
  for (let i = 1; i <= workers; i++) s.nodes.push({ name: `node-${i}`, role: 'worker', ip: ip(i), runtime: 'containerd' });
}

/**
 * A Deployment of nginx pods labelled `labels` (default `app: NAME`), as YAML without a trailing
 * newline; `requests` gives each pod 10m CPU and 16Mi (what the benchmark schedules by).
 */
export function nginxDeployment(name: string, replicas: number, opts: { labels?: string; container?: string; requests?: boolean } = {}): string {
  const labels = opts.labels ?? `app: ${name}`;
  const requests = opts.requests ? '\n        resources:\n          requests:\n            cpu: 10m\n            memory: 16Mi' : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
      - name: ${opts.container ?? 'nginx'}
        image: nginx:1.27
        ports:
        - containerPort: 80${requests}`;
}

const SERVICES_PER_APPLY = 2_000;

/** One line per Service (YAML flow style): 5,000 of them stay well inside the manifest limit. */
function service(name: string): string {
  return `{apiVersion: v1, kind: Service, metadata: {name: ${name}}, spec: {selector: {app: backend}, ports: [{port: 80, targetPort: 80}]}}`;
}
