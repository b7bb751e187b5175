/**
 * Big scenarios for the benchmark: K nodes laid out as the Scale tab's builder does, and the
 * playground's own safety limits (not Kubernetes') lifted for the run.
 */
import { PLAYGROUND_LIMITS } from '../engine/apiserver/limits';
import { defaultScenario } from '../engine/scenario/defaults';
import type { Scenario } from '../engine/scenario/types';
import { layOutNodes, nginxDeployment } from '../engine/scenario/big';

export function liftPlaygroundLimits(): void {
  PLAYGROUND_LIMITS.objects = Number.MAX_SAFE_INTEGER;
  PLAYGROUND_LIMITS.pods = Number.MAX_SAFE_INTEGER;
}

/** A cluster of `workers` worker nodes plus the control plane (the Scale tab's layout), with no workloads. */
export function bigScenario(workers: number, kubeProxyMode: 'iptables' | 'ipvs' | 'nftables' = 'iptables'): Scenario {
  const s = defaultScenario();
  s.name = `bench-${workers}`;
  s.cluster.kubeProxyMode = kubeProxyMode;
  layOutNodes(s, workers);
  s.manifests = '';
  return s;
}

export function deploymentYaml(name: string, replicas: number, labels = `app: ${name}`): string {
  return `${nginxDeployment(name, replicas, { labels, container: 'web', requests: true })}\n`;
}
