/**
 * The Endpoints and EndpointSlice controllers: for every Service with a selector, the pods
 * that match it (with an IP) become its endpoints — ready ones as addresses, the others as
 * notReadyAddresses (Endpoints) or ready=false (EndpointSlice). Named target ports are
 * resolved against each pod's container ports. kube-proxy programs its rules from these.
 */
import { deepCopy } from '../apiserver/copy';
import type { EndpointAddress, EndpointSlice, Endpoints, Pod, Service, ServicePort } from '../api/types';
import { ipNumber } from '../net/ip';
import type { SimContext } from '../sim/context';
import { canonicalJson } from '../sim/hash';
import { selectorMatches } from '../api/validation';
import { CONTROLLER_MANAGER as ACTOR, isPodReady } from './util';

const SLICE_MANAGER = 'endpointslice-controller.k8s.io';
const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function startEndpointsController(ctx: SimContext): void {
  ctx.api.watch('Service', ACTOR, (type, obj) => {
    const svc = obj as Service;
    if (type === 'DELETED') {
      if (svc.spec.selector && ctx.api.get('Endpoints', svc.metadata.namespace, svc.metadata.name)) ctx.api.delete('Endpoints', svc.metadata.namespace, svc.metadata.name, ACTOR);
      return;
    }
    syncService(ctx, svc.metadata.namespace!, svc.metadata.name);
  });
  // A pod event syncs the Services it belongs to (getPodServiceMemberships), before and after a
  // relabel: 5,000 kube-proxy pods must not each resync kube-dns. Old labels are noted as the
  // write is stored, since the watch event carries only the new object.
  const before = new Map<string, Set<string>>();
  ctx.api.observeStore('Pod', (obj, old) => {
    if (!obj || !old || obj.metadata.labels === old.metadata.labels || canonicalJson(obj.metadata.labels ?? null) === canonicalJson(old.metadata.labels ?? null)) return;
    const key = `${old.metadata.namespace}/${old.metadata.name}`;
    before.set(key, new Set([...(before.get(key) ?? []), ...memberships(ctx, old as Pod)]));
  });
  ctx.api.watch('Pod', ACTOR, (_type, obj) => {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const names = new Set([...(before.get(key) ?? []), ...memberships(ctx, obj as Pod)]);
    before.delete(key);
    for (const name of names) syncService(ctx, obj.metadata.namespace!, name);
  });
}

/** The Services in the pod's namespace whose selector matches its labels, by name. */
function memberships(ctx: SimContext, pod: Pod): string[] {
  const out: string[] = [];
  for (const s of ctx.api.peekAll('Service') as Service[]) {
    if (s.metadata.namespace === pod.metadata.namespace && s.spec.selector && selectorMatches({ matchLabels: s.spec.selector }, pod.metadata.labels)) out.push(s.metadata.name);
  }
  return out;
}

/** The port a pod serves a Service port on (a number, or a named container port). */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

function address(p: Pod): EndpointAddress {
  return { ip: p.status!.podIP!, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid } };
}

const byIp = (a: { ip: string }, b: { ip: string }): number => (ipNumber(a.ip) < ipNumber(b.ip) ? -1 : ipNumber(a.ip) > ipNumber(b.ip) ? 1 : 0);

export function syncService(ctx: SimContext, ns: string, name: string): void {
  const svc = ctx.api.get<Service>('Service', ns, name);
  if (!svc || !svc.spec.selector || svc.spec.type === 'ExternalName') return;
  const pods = (ctx.api.peekAll('Pod') as Pod[])
    .filter((p) => p.metadata.namespace === ns && selectorMatches({ matchLabels: svc.spec.selector }, p.metadata.labels) && p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
    .sort((a, b) => byIp({ ip: a.status!.podIP! }, { ip: b.status!.podIP! }));
  const ports = svc.spec.ports ?? [];
  // Endpoints: terminating pods are left out.
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const resolved = (p: Pod): { name?: string; port: number; protocol: string }[] =>
    ports.flatMap((sp) => {
      const port = resolveTargetPort(sp, p);
      return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' }];
    });
  const groups = new Map<string, NonNullable<Endpoints['subsets']>[number]>();
  for (const p of live) {
    const pp = resolved(p);
    if (pp.length === 0) continue;
    const key = canonicalJson(pp);
    const g = groups.get(key) ?? { ports: pp };
    if (isPodReady(p)) (g.addresses ??= []).push(address(p));
    else (g.notReadyAddresses ??= []).push(address(p));
    groups.set(key, g);
  }
  const subsets = [...groups.values()];
  const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) } }, ...(subsets.length > 0 ? { subsets } : {}) };
  if (Object.keys(ep.metadata.labels!).length === 0) delete ep.metadata.labels;
  const existing = ctx.api.get<Endpoints>('Endpoints', ns, name);
  if (!existing) ctx.api.create(ep, ACTOR);
  else if (canonicalJson(existing.subsets ?? null) !== canonicalJson(ep.subsets ?? null) || canonicalJson(existing.metadata.labels ?? null) !== canonicalJson(ep.metadata.labels ?? null)) {
    existing.subsets = ep.subsets;
    if (!ep.subsets) delete existing.subsets;
    existing.metadata.labels = ep.metadata.labels;
    ctx.api.update(existing, ACTOR);
  }
  syncSlice(ctx, svc, pods);
}

function syncSlice(ctx: SimContext, svc: Service, pods: Pod[]): void {
  const ns = svc.metadata.namespace!;
  const first = pods[0];
  const slicePorts = (svc.spec.ports ?? []).map((sp) => ({ name: sp.name ?? '', port: first ? resolveTargetPort(sp, first) : undefined, protocol: sp.protocol ?? 'TCP' }));
  const endpoints: EndpointSlice['endpoints'] = pods.map((p) => {
    const ready = isPodReady(p) && !p.metadata.deletionTimestamp;
    return {
      addresses: [p.status!.podIP!],
      conditions: { ready, serving: isPodReady(p), terminating: !!p.metadata.deletionTimestamp },
      nodeName: p.spec.nodeName,
      targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
    };
  });
  // The Service's own slices (owner index), as the real reconciler takes only slices the Service owns: O(1), not a scan of every slice.
  const owned = svc.metadata.uid ? (ctx.api.peekOwned('EndpointSlice', svc.metadata.uid) as EndpointSlice[]) : [];
  const existing = ctx.api.sortInStoreOrder(owned.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name && s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === SLICE_MANAGER))[0];
  const labels = { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': SLICE_MANAGER, 'kubernetes.io/service-name': svc.metadata.name };
  if (!existing) {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: '',
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints,
      ports: slicePorts,
    };
    void NAME_SUFFIX_ALPHABET;
    ctx.api.create(slice, ACTOR);
    return;
  }
  if (canonicalJson([existing.endpoints, existing.ports, existing.metadata.labels]) === canonicalJson([endpoints, slicePorts, labels])) return;
  const fresh = deepCopy(existing);
  fresh.endpoints = endpoints;
  fresh.ports = slicePorts;
  fresh.metadata.labels = labels;
  ctx.api.update(fresh, ACTOR);
}
