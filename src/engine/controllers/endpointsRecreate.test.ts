import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { EndpointSlice, Endpoints, Pod, Service } from '../api/types';

const webSlices = (sim: Simulation): EndpointSlice[] => sim.ctx.api.list<EndpointSlice>('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');

describe('a Service deleted and recreated under the same name', () => {
  for (const [how, commands] of [
    ['one command at a time', ['kubectl delete svc web', 'kubectl expose deployment web --port=80 --target-port=80']],
    ['both in one command line, before any controller runs', ['kubectl delete svc web; kubectl expose deployment web --port=80 --target-port=80']],
  ] as const) {
    it(`gets new EndpointSlices owned by its new uid, the old ones are collected, and kube-proxy keeps only the new ClusterIP (${how})`, () => {
      const sim = Simulation.create();
      sim.exec('control-plane', 'kubectl expose deployment web --port=80 --target-port=80');
      const old = sim.ctx.api.get<Service>('Service', 'default', 'web')!;
      const [oldSlice] = webSlices(sim);
      expect(oldSlice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: old.metadata.uid, controller: true, blockOwnerDeletion: true }]);

      for (const c of commands) expect(sim.exec('control-plane', c).exitCode).toBe(0);
      sim.sleep(1_000);
      const svc = sim.ctx.api.get<Service>('Service', 'default', 'web')!;
      expect(svc.metadata.uid).not.toBe(old.metadata.uid);
      expect(svc.spec.clusterIP).not.toBe(old.spec.clusterIP);

      // Only the new Service's slice is left: a new name, owned by the new uid, listing every web pod.
      const slices = webSlices(sim);
      expect(slices).toHaveLength(1);
      expect(slices[0].metadata.name).not.toBe(oldSlice.metadata.name);
      expect(slices[0].metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(sim.ctx.api.get('EndpointSlice', 'default', oldSlice.metadata.name)).toBeUndefined();
      const ips = sim.ctx.api.list<Pod>('Pod', 'default', { app: 'web' }).map((p) => p.status!.podIP!).sort();
      expect(slices[0].endpoints.map((e) => e.addresses[0]).sort()).toEqual(ips);
      expect(sim.ctx.api.get<Endpoints>('Endpoints', 'default', 'web')!.subsets![0].addresses!.map((a) => a.ip).sort()).toEqual(ips);

      // kube-proxy: the new ClusterIP's rules, one KUBE-SEP per pod, nothing left for the old one.
      for (const node of ['node-1', 'node-2']) {
        const nat = sim.exec(node, 'iptables-save -t nat').output;
        expect(nat).not.toContain(old.spec.clusterIP);
        expect(nat).toContain(`-A KUBE-SERVICES -d ${svc.spec.clusterIP}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-`);
        expect(nat.match(/-A KUBE-SEP-\S+ -p tcp -m comment --comment "default\/web" -m tcp -j DNAT/g)).toHaveLength(ips.length);
      }
      expect(sim.exec('default/client', `wget -qO- -T 2 ${svc.spec.clusterIP}`).exitCode).toBe(0);
      expect(sim.exec('default/client', `wget -qO- -T 2 ${old.spec.clusterIP}`).exitCode).not.toBe(0);
    });
  }
});
