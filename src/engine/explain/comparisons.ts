/**
 * The settings the Compare tab puts side by side. A leaf module (only a type import), so the UI
 * can list the same comparisons the worker runs without bundling the engine.
 */
import type { Scenario } from '../scenario/types';

export type ClusterPatch = Partial<Pick<Scenario['cluster'], 'cni' | 'flannelBackend' | 'kubernetesVersion'>> & { kubeProxyMode?: string };

export interface Variant {
  label: string;
  patch: ClusterPatch;
  /** Set on the probe's Service (Probe.service) before the packet is sent. */
  externalTrafficPolicy?: 'Cluster' | 'Local';
}

export const STANDARD_COMPARISONS: readonly { id: string; label: string; variants: [Variant, Variant] }[] = [
  { id: 'flannel-backend', label: 'flannel VXLAN ↔ host-gw', variants: [{ label: 'flannel VXLAN', patch: { cni: 'flannel', flannelBackend: 'vxlan' } }, { label: 'flannel host-gw', patch: { cni: 'flannel', flannelBackend: 'host-gw' } }] },
  { id: 'kube-proxy', label: 'kube-proxy iptables ↔ ipvs', variants: [{ label: 'iptables mode', patch: { kubeProxyMode: 'iptables' } }, { label: 'ipvs mode', patch: { kubeProxyMode: 'ipvs' } }] },
  // nftables mode (GA in 1.33): one verdict-map lookup instead of KUBE-SERVICES; a ping to a ClusterIP is rejected by cluster-ips-check.
  { id: 'kube-proxy-nftables', label: 'kube-proxy iptables ↔ nftables', variants: [{ label: 'iptables mode', patch: { kubeProxyMode: 'iptables' } }, { label: 'nftables mode', patch: { kubeProxyMode: 'nftables' } }] },
  { id: 'ipvs-nftables', label: 'kube-proxy ipvs ↔ nftables', variants: [{ label: 'ipvs mode', patch: { kubeProxyMode: 'ipvs' } }, { label: 'nftables mode', patch: { kubeProxyMode: 'nftables' } }] },
  // Pinging a ClusterIP in ipvs mode: answered by the node before 1.27, rejected by KUBE-IPVS-FILTER since.
  { id: 'ipvs-version', label: 'kube-proxy ipvs v1.26 ↔ v1.34 (ping a ClusterIP)', variants: [{ label: 'ipvs mode, Kubernetes v1.26', patch: { kubeProxyMode: 'ipvs', kubernetesVersion: 'v1.26.15' } }, { label: 'ipvs mode, Kubernetes v1.34', patch: { kubeProxyMode: 'ipvs', kubernetesVersion: 'v1.34.2' } }] },
  { id: 'etp', label: 'externalTrafficPolicy Cluster ↔ Local (from the internet)', variants: [{ label: 'externalTrafficPolicy: Cluster', patch: {}, externalTrafficPolicy: 'Cluster' }, { label: 'externalTrafficPolicy: Local', patch: {}, externalTrafficPolicy: 'Local' }] },
  { id: 'cni', label: 'flannel ↔ Calico', variants: [{ label: 'flannel', patch: { cni: 'flannel' } }, { label: 'Calico', patch: { cni: 'calico' } }] },
];

/** The comparison whose probe comes from the internet client (203.0.113.1) to a chosen LoadBalancer/NodePort Service. */
export const FROM_INTERNET = 'etp';
