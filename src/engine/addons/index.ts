/**
 * What `kubeadm init` installs after the control plane is up (the kube-proxy addon; CoreDNS
 * lives in coredns/) and the pod network an admin applies next (kube-flannel.yml), as real
 * API objects: the kubelets run their pods, and the pods run the daemons.
 */
import { parseManifests } from '../api/manifest';
import { applyObject } from '../apiserver/apply';
import { controlPlaneHost } from '../apiserver/bootstrap';
import type { SimContext } from '../sim/context';
import { kubeFlannelYaml } from './flannel';
import { calicoYaml } from '../cni/calico/manifest';
import { kubeProxyYaml } from './kubeProxy';

function applyYaml(ctx: SimContext, yaml: string): void {
  for (const obj of parseManifests(yaml)) applyObject(ctx, obj);
}

/** kubeadm init phase addon kube-proxy. */
export function installKubeProxy(ctx: SimContext): void {
  applyYaml(ctx, kubeProxyYaml(ctx.scenario, controlPlaneHost(ctx).ip));
}

/** `kubectl apply -f kube-flannel.yml` when the scenario's CNI is flannel (bridge and none install no objects). */
export function installPodNetwork(ctx: SimContext): void {
  if (ctx.scenario.cluster.cni === 'flannel') applyYaml(ctx, kubeFlannelYaml(ctx.scenario));
  if (ctx.scenario.cluster.cni === 'calico') applyYaml(ctx, calicoYaml(ctx.scenario));
}
