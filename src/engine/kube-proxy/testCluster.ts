/**
 * The cluster the kube-proxy mode tests (iptables, ipvs, nftables) share: a preset with a
 * NodePort Service `web` (30080) and a ClientIP-sticky Service `sticky` (8080 → 80) in front
 * of the web pods, synced by kube-proxy.
 */
import type { Service } from '../api/types';
import { presetById } from '../scenario/presets';
import type { Scenario } from '../scenario/types';
import { Simulation } from '../sim/simulation';

export const WEB_AND_STICKY = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  selector:
    app: web
  sessionAffinity: ClientIP
  ports:
  - port: 8080
    targetPort: 80
`;

/** The preset (its scenario edited first, if asked) with the Services applied and kube-proxy synced; cip is web's ClusterIP. */
export function presetWithServices(preset: string, manifest = WEB_AND_STICKY, edit?: (s: Scenario) => void): { sim: Simulation; cip: string } {
  const { scenario } = presetById(preset)!.build();
  edit?.(scenario);
  const sim = Simulation.create(scenario);
  sim.applyManifest(manifest);
  sim.sleep(2000);
  return { sim, cip: sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP! };
}
