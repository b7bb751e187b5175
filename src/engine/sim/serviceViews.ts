/** The Services of the snapshot: each with its addresses, ports and the endpoints its Endpoints object lists. */
import type { ApiServer } from '../apiserver/apiserver';
import type { Endpoints, Service } from '../api/types';
import type { ServiceView } from './snapshot';

export function buildServiceViews(api: ApiServer): ServiceView[] {
  const eps = new Map(api.list<Endpoints>('Endpoints').map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]));
  return api.list<Service>('Service').map((s) => {
    const id = `${s.metadata.namespace}/${s.metadata.name}`;
    const ep = eps.get(id);
    const endpoints: ServiceView['endpoints'] = [];
    const endpointPorts: ServiceView['endpointPorts'] = [];
    const podId = (ref?: { kind: string; namespace?: string; name: string }) => (ref?.kind === 'Pod' ? `${ref.namespace ?? s.metadata.namespace}/${ref.name}` : undefined);
    for (const sub of ep?.subsets ?? []) {
      for (const a of sub.addresses ?? []) endpoints.push({ ip: a.ip, pod: podId(a.targetRef), node: a.nodeName, ready: true });
      for (const a of sub.notReadyAddresses ?? []) endpoints.push({ ip: a.ip, pod: podId(a.targetRef), node: a.nodeName, ready: false });
      for (const p of sub.ports ?? []) if (!endpointPorts.some((x) => x.name === p.name && x.port === p.port)) endpointPorts.push({ ...p });
    }
    const type = s.spec.type ?? 'ClusterIP';
    return {
      namespace: s.metadata.namespace!,
      name: s.metadata.name,
      id,
      type,
      clusterIP: type === 'ExternalName' ? undefined : s.spec.clusterIP,
      ports: (s.spec.ports ?? []).map((p) => ({
        name: p.name,
        protocol: p.protocol ?? 'TCP',
        port: p.port,
        targetPort: p.targetPort === undefined ? undefined : String(p.targetPort),
        nodePort: p.nodePort,
      })),
      selector: s.spec.selector ? { ...s.spec.selector } : undefined,
      externalName: s.spec.externalName,
      externalIPs: [...(s.spec.externalIPs ?? [])],
      lbIngress: (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean),
      externalTrafficPolicy: s.spec.externalTrafficPolicy,
      sessionAffinity: s.spec.sessionAffinity,
      endpoints,
      endpointPorts,
    };
  });
}
