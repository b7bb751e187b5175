// A Service's clusterIP and nodePorts at create and update, with the cache of IPs in use: the Service registry's allocation, apart from the generic write path.
import type { Kind, KubeObject, Service } from '../api/types';
import type { FieldError } from '../api/validation';
import type { Prng } from '../sim/prng';
import { allocateClusterIP, allocateNodePort, usedClusterIPs, usedNodePorts } from './allocators';

/** What allocation reads of the store (the apiserver's own read-only views). */
export interface ServiceStoreView {
  peekAll(kind: Kind): readonly KubeObject[];
  kindVersion(kind: Kind): number;
}

export class ServiceAllocations {
  /** ClusterIPs in use, as of a count of Service writes: a create adds its own, any other write rebuilds (no scan of 10,000 Services per create). */
  private usedIPs?: { version: number; ips: Set<string> };

  constructor(
    private readonly store: ServiceStoreView,
    private readonly prng: Prng,
    /** --service-cluster-ip-range, read at each allocation (bootstrap sets it after construction). */
    private readonly serviceCIDR: () => string,
  ) {}

  private clusterIPsInUse(): Set<string> {
    const version = this.store.kindVersion('Service');
    if (this.usedIPs?.version !== version) this.usedIPs = { version, ips: usedClusterIPs(this.store.peekAll('Service') as Service[]) };
    return this.usedIPs.ips;
  }

  /** After a create stored `svc`: its IPs join the cache if the cache was current just before. */
  created(svc: Service): void {
    if (this.usedIPs?.version !== this.store.kindVersion('Service') - 1) return;
    for (const ip of usedClusterIPs([svc])) this.usedIPs.ips.add(ip);
    this.usedIPs.version++;
  }

  /** Fills in a new Service's clusterIP(s) and nodePorts; the errors name the fields that could not be allocated. */
  allocate(svc: Service): FieldError[] {
    // Only called from create, which refused an existing name first: the others are all Services.
    const services = (): Service[] => (this.store.peekAll('Service') as Service[]).filter((s) => !(s.metadata.namespace === svc.metadata.namespace && s.metadata.name === svc.metadata.name));
    const errs: FieldError[] = [];
    if (svc.spec.type !== 'ExternalName') {
      if (svc.spec.clusterIP === 'None') svc.spec.clusterIPs = ['None'];
      else {
        const r = allocateClusterIP(this.serviceCIDR(), this.clusterIPsInUse(), this.prng, svc.spec.clusterIP || undefined);
        if (r.error) errs.push(r.error);
        else {
          svc.spec.clusterIP = r.ip;
          svc.spec.clusterIPs = [r.ip!];
        }
      }
    }
    if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') {
      const used = usedNodePorts(services());
      (svc.spec.ports ?? []).forEach((p, i) => {
        const r = allocateNodePort(used, this.prng, `spec.ports[${i}].nodePort`, p.nodePort);
        if (r.error) errs.push(r.error);
        else p.nodePort = r.port;
      });
      if (svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') {
        // kube-proxy answers the cloud load balancer's health checks on this port.
        const r = allocateNodePort(used, this.prng, 'spec.healthCheckNodePort', svc.spec.healthCheckNodePort);
        if (r.error) errs.push(r.error);
        else svc.spec.healthCheckNodePort = r.port;
      } else delete svc.spec.healthCheckNodePort;
    }
    if (svc.spec.type === 'LoadBalancer') svc.status = { loadBalancer: {} };
    return errs;
  }

  /** On update: keeps the clusterIP and the nodePorts `old` had, allocating ports the update adds. */
  keep(old: Service, svc: Service): FieldError[] {
    svc.spec.clusterIP ??= old.spec.clusterIP;
    svc.spec.clusterIPs ??= old.spec.clusterIPs;
    const type = svc.spec.type;
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const others = (this.store.peekAll('Service') as Service[]).filter((s) => s.metadata.uid !== old.metadata.uid);
      const used = usedNodePorts(others);
      const errs: FieldError[] = [];
      (svc.spec.ports ?? []).forEach((p, i) => {
        const was = (old.spec.ports ?? []).find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
        const r = allocateNodePort(used, this.prng, `spec.ports[${i}].nodePort`, p.nodePort ?? was);
        if (r.error) errs.push(r.error);
        else p.nodePort = r.port;
      });
      if (type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') {
        const r = allocateNodePort(used, this.prng, 'spec.healthCheckNodePort', svc.spec.healthCheckNodePort ?? old.spec.healthCheckNodePort);
        if (r.error) errs.push(r.error);
        else svc.spec.healthCheckNodePort = r.port;
      } else delete svc.spec.healthCheckNodePort;
      return errs;
    }
    for (const p of svc.spec.ports ?? []) delete p.nodePort;
    return [];
  }
}
