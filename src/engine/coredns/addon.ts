/**
 * The CoreDNS addon as `kubeadm init` installs it (phase addon/coredns): the `coredns`
 * ConfigMap with the Corefile, the `coredns` Deployment in kube-system and the `kube-dns`
 * Service on the 10th address of the service range — the address every kubelet's
 * clusterDNS points pods at. The pods stay Pending until a CNI makes the nodes Ready.
 */
import type { ConfigMap, Deployment, Service } from '../api/types';
import { DNS_SERVICE_OFFSET } from '../apiserver/allocators';
import { nthAddress } from '../net/ip';
import type { SimContext } from '../sim/context';
import { CLUSTER_DOMAIN } from './records';

const ACTOR = 'kubeadm';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.1';

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

/** The cluster DNS address (kubelet --cluster-dns): the 10th address of the service CIDR. */
export function clusterDnsIP(ctx: SimContext): string {
  return nthAddress(ctx.scenario.cluster.serviceCIDR, DNS_SERVICE_OFFSET);
}

export function installCoreDns(ctx: SimContext): void {
  const { api } = ctx;
  const labels = { 'k8s-app': 'kube-dns' };
  api.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: COREFILE } }, ACTOR);
  api.create<Deployment>(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            // CoreDNS itself forwards to the node's resolvers, not to itself.
            dnsPolicy: 'Default',
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args: ['-conf', '/etc/coredns/Corefile'],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    } as Deployment,
    ACTOR,
  );
  api.create<Service>(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: clusterDnsIP(ctx),
        selector: labels,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    ACTOR,
  );
}
