/** The comparisons the panel offers (ids as the worker's STANDARD_COMPARISONS; kept here so the UI bundle does not import the engine). */
export const COMPARISONS: readonly { id: string; label: string }[] = [
  { id: 'flannel-backend', label: 'flannel VXLAN ↔ host-gw' },
  { id: 'kube-proxy', label: 'kube-proxy iptables ↔ ipvs' },
  { id: 'etp', label: 'externalTrafficPolicy Cluster ↔ Local (from the internet)' },
  { id: 'cni', label: 'flannel ↔ Calico' },
];

/** The comparison whose probe comes from the internet client (203.0.113.1) to a chosen LoadBalancer/NodePort Service. */
export const FROM_INTERNET = 'etp';
