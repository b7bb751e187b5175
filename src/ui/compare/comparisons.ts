/** The comparisons the panel offers (ids as the worker's STANDARD_COMPARISONS; kept here so the UI bundle does not import the engine). */
export const COMPARISONS: readonly { id: string; label: string }[] = [
  { id: 'flannel-backend', label: 'flannel VXLAN ↔ host-gw' },
  { id: 'kube-proxy', label: 'kube-proxy iptables ↔ ipvs' },
  { id: 'cni', label: 'flannel ↔ Calico' },
];
