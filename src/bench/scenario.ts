/**
 * Big scenarios for the benchmark: K nodes on a /16 node network, a pod CIDR with room for a
 * /24 per node, and the playground's own safety limits (not Kubernetes') lifted for the run.
 */
import { PLAYGROUND_LIMITS } from '../engine/apiserver/apiserver';
import { defaultScenario } from '../engine/scenario/defaults';
import type { Scenario } from '../engine/scenario/types';

export function liftPlaygroundLimits(): void {
  PLAYGROUND_LIMITS.objects = Number.MAX_SAFE_INTEGER;
  PLAYGROUND_LIMITS.pods = Number.MAX_SAFE_INTEGER;
}

/** A cluster of `workers` worker nodes plus the control plane, with no workloads. */
export function bigScenario(workers: number, kubeProxyMode: 'iptables' | 'ipvs' | 'nftables' = 'iptables'): Scenario {
  const s = defaultScenario();
  s.name = `bench-${workers}`;
  s.cluster.nodeNetwork = '172.16.0.0/16';
  // Room for a /24 per node and no more: node-ipam enumerates the whole range.
  const bits = Math.max(8, Math.ceil(Math.log2(workers + 1)));
  s.cluster.podCIDR = `10.128.0.0/${24 - bits}`;
  s.cluster.kubeProxyMode = kubeProxyMode;
  // 200 machines per /24, from .10 up to .209: valid octets whatever the count.
  const ip = (i: number): string => `172.16.${Math.floor(i / 200)}.${10 + (i % 200)}`;
  s.nodes = [{ name: 'control-plane', role: 'control-plane', ip: ip(0), runtime: 'containerd' }];
  for (let i = 1; i <= workers; i++) s.nodes.push({ name: `node-${i}`, role: 'worker', ip: ip(i), runtime: 'containerd' });
  s.manifests = '';
  return s;
}

export function deploymentYaml(name: string, replicas: number, labels = `app: ${name}`): string {
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
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`;
}
