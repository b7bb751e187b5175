import { beforeEach, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { LimitRange, Pod, ResourceQuota, Service } from '../api/types';
import { parseManifests } from '../api/manifest';
import { ApiError } from './errors';

let sim: Simulation;
beforeEach(() => {
  sim = Simulation.create();
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const pod = (name: string, extra: Partial<Pod['spec']> = {}, requests?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }], ...extra },
});

describe('kube-apiserver', () => {
  it('stores objects under their real etcd keys and REST paths', () => {
    const keys = sim.ctx.api.etcd.dump().map((kv) => kv.key);
    expect(keys).toContain('/registry/namespaces/kube-node-lease');
    expect(keys).toContain('/registry/services/specs/default/kubernetes');
    expect(keys).toContain('/registry/services/endpoints/default/kubernetes');
    expect(keys).toContain('/registry/minions/node-1');
    expect(keys).toContain('/registry/leases/kube-node-lease/node-1');
    expect(keys).toContain('/registry/priorityclasses/system-node-critical');
    expect(keys.some((k) => k.startsWith('/registry/deployments/default/web'))).toBe(true);
    // The log keeps the newest 400 messages: metrics-server's ReplicaSet is the last one created at boot.
    expect(sim.ctx.log.all().some((m) => m.verb === 'POST' && m.path === '/apis/apps/v1/namespaces/kube-system/replicasets')).toBe(true);
  });

  it('validates with the apiserver\'s messages and writes nothing on error', () => {
    const rev = sim.ctx.api.etcd.revision;
    const bad = pod('x');
    bad.spec.containers[0].image = '';
    expect(apiError(() => sim.ctx.api.create(bad, 'test')).kubectlLine()).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value');
    const two = pod('Bad_Name');
    two.spec.containers[0].image = '';
    expect(apiError(() => sim.ctx.api.create(two, 'test')).message).toMatch(/^The Pod "Bad_Name" is invalid: \n\* metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain .*\n\* spec\.containers\[0\]\.image: Required value$/);
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 70000 }] } };
    expect(apiError(() => sim.ctx.api.create(svc, 'test')).message).toBe('The Service "s" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(apiError(() => sim.ctx.api.create(pod('y', {}, { cpu: '2' }), 'test') && sim.ctx.api.create({ ...pod('z'), spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] } }, 'test')).message).toBe(
      'The Pod "z" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
    expect(sim.ctx.api.etcd.revision).toBe(rev + 1);
  });

  it('refuses unknown kinds the way kubectl does', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n')).toThrow('error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first');
  });

  it('admits pods against ResourceQuota with the real message, counting what is used', () => {
    const q: ResourceQuota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { cpu: '1', pods: '10' } } };
    sim.ctx.api.create(q, 'test');
    sim.ctx.api.create(pod('a', {}, { cpu: '1' }), 'test');
    const rev = sim.ctx.api.etcd.revision;
    const out = sim.applyManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 500m\n');
    expect(out.output).toBe('Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: exceeded quota: q, requested: cpu=500m, used: cpu=1, limited: cpu=1');
    expect(out.exitCode).toBe(1);
    expect(sim.ctx.api.get('Pod', 'default', 'x')).toBeUndefined();
    expect(apiError(() => sim.ctx.api.create(pod('n'), 'test')).kubectlLine()).toBe('Error from server (Forbidden): pods "n" is forbidden: failed quota: q: must specify cpu for: c');
    sim.ctx.clock.settle();
    expect(sim.ctx.api.get<ResourceQuota>('ResourceQuota', 'default', 'q')!.status?.used).toEqual({ cpu: '1', pods: '5' });
    expect(rev).toBeGreaterThan(0);
  });

  it('applies LimitRange defaults and limits', () => {
    const lr: LimitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, max: { cpu: '1' } }] } };
    const made = sim.ctx.api.create(lr, 'test');
    expect(made.spec.limits[0].defaultRequest).toEqual({ cpu: '500m' });
    const p = sim.ctx.api.create(pod('d'), 'test');
    expect(p.spec.containers[0].resources).toEqual({ requests: { cpu: '500m' }, limits: { cpu: '500m' } });
    const big = pod('big');
    big.spec.containers[0].resources = { limits: { cpu: '2' } };
    expect(apiError(() => sim.ctx.api.create(big, 'test')).kubectlLine()).toBe('Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('adds the default tolerations, priority and pod defaults at admission', () => {
    const p = sim.ctx.api.create(pod('t'), 'test');
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(p.spec).toMatchObject({ priority: 0, restartPolicy: 'Always', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
    expect(apiError(() => sim.ctx.api.create(pod('pc', { priorityClassName: 'nope' }), 'test')).message).toBe('pods "pc" is forbidden: no PriorityClass with name nope was found');
  });

  it('only lets pod updates change images, activeDeadlineSeconds, added tolerations and metadata', () => {
    const p = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    const relabeled = structuredClone(p);
    relabeled.metadata.labels = { ...relabeled.metadata.labels, tier: 'x' };
    expect(() => sim.ctx.api.update(relabeled, 'test')).not.toThrow();
    const image = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    image.spec.containers[0].image = 'busybox:1.37';
    expect(() => sim.ctx.api.update(image, 'test')).not.toThrow();
    const bad = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    bad.spec.restartPolicy = 'Never';
    const rev = sim.ctx.api.etcd.revision;
    expect(apiError(() => sim.ctx.api.update(bad, 'test')).message).toMatch(/^The Pod "client" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/);
    expect(sim.ctx.api.etcd.revision).toBe(rev);
    const tol = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    tol.spec.tolerations = tol.spec.tolerations!.slice(1);
    expect(() => sim.ctx.api.update(tol, 'test')).toThrow(/Forbidden/);
  });

  it('allocates ClusterIPs from the service range and NodePorts from 30000-32767', () => {
    const kube = sim.ctx.api.get<Service>('Service', 'default', 'kubernetes')!;
    expect(kube.spec.clusterIP).toBe('10.96.0.1');
    const svc = (name: string, extra: Partial<Service['spec']> = {}): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...extra } });
    for (let i = 0; i < 20; i++) {
      const s = sim.ctx.api.create(svc(`s${i}`, { type: 'NodePort' }), 'test');
      expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
      expect(s.spec.clusterIP).not.toBe('10.96.0.10');
      expect(s.spec.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
      expect(s.spec.ports![0].nodePort).toBeLessThanOrEqual(32767);
      expect(s.spec.ports![0].targetPort).toBe(80);
    }
    // kubeadm's CoreDNS addon asked for the reserved address explicitly.
    expect(sim.ctx.api.get<Service>('Service', 'kube-system', 'kube-dns')!.spec.clusterIP).toBe('10.96.0.10');
    expect(apiError(() => sim.ctx.api.create(svc('dup', { clusterIP: '10.96.0.10' }), 'test')).message).toBe('The Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    expect(apiError(() => sim.ctx.api.create(svc('out', { clusterIP: '10.0.0.5' }), 'test')).message).toContain('the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
    expect(apiError(() => sim.ctx.api.create(svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), 'test')).message).toBe('The Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('refuses content in a missing or terminating namespace', () => {
    expect(apiError(() => sim.ctx.api.create({ ...pod('p'), metadata: { name: 'p', namespace: 'nope' } }, 'test')).kubectlLine()).toBe('Error from server (NotFound): namespaces "nope" not found');
    sim.exec('control-plane', 'kubectl create ns gone');
    sim.exec('control-plane', 'kubectl run keep --image=busybox -n gone -- sleep infinity');
    sim.ctx.api.delete('Namespace', undefined, 'gone', 'test');
    expect(apiError(() => sim.ctx.api.create({ ...pod('p'), metadata: { name: 'p', namespace: 'gone' } }, 'test')).message).toBe('pods "p" is forbidden: unable to create new content in namespace gone because it is being terminated');
    expect(sim.exec('control-plane', 'kubectl get ns gone').output).toMatch(/gone +Terminating/);
    sim.ctx.clock.settle();
    expect(sim.ctx.api.get('Namespace', undefined, 'gone')).toBeUndefined();
    expect(sim.ctx.api.list('Pod', 'gone')).toEqual([]);
  });
});

describe('REST access (kubectl proxy)', () => {
  it('answers GETs with lists, objects and Status errors', async () => {
    const { restGet } = await import('./rest');
    const list = JSON.parse(restGet(sim.ctx, '/api/v1/namespaces/default/pods').body);
    expect(list.kind).toBe('PodList');
    expect(list.items).toHaveLength(4);
    expect(JSON.parse(restGet(sim.ctx, '/apis/apps/v1/namespaces/default/deployments/web').body).kind).toBe('Deployment');
    expect(JSON.parse(restGet(sim.ctx, '/api/v1/nodes').body).items).toHaveLength(3);
    const missing = restGet(sim.ctx, '/api/v1/namespaces/default/pods/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found', code: 404 });
    expect(sim.exec('control-plane', 'kubectl proxy').output).toBe('Starting to serve on 127.0.0.1:8001');
    expect(sim.ctx.apiProxies?.get('control-plane')).toBe(8001);
  });
});
