import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../api/types';
import type { HorizontalPodAutoscaler } from '../../api/scaling';
import { Simulation } from '../../sim/simulation';
import { exampleManifest } from './examples';

const kubectl = (sim: Simulation, cmd: string): { output: string; exitCode: number } => sim.exec('control-plane', `kubectl ${cmd}`);

describe('kubectl apply -f https://k8s.io/examples/...', () => {
  it('applies the HPA walkthrough\'s php-apache as the docs show', () => {
    const sim = Simulation.create();
    expect(kubectl(sim, 'apply -f https://k8s.io/examples/application/php-apache.yaml')).toEqual({ output: 'deployment.apps/php-apache created\nservice/php-apache created', exitCode: 0 });
    const d = sim.ctx.api.get<Deployment>('Deployment', 'default', 'php-apache')!;
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '200m' } });
    expect(kubectl(sim, 'apply -f https://kubernetes.io/examples/application/hpa/php-apache.yaml').output).toBe('horizontalpodautoscaler.autoscaling/php-apache created');
    const h = sim.ctx.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')!;
    expect([h.spec.minReplicas, h.spec.maxReplicas]).toEqual([1, 10]);
  });

  it('knows only the examples it has', () => {
    expect(exampleManifest('https://k8s.io/examples/pods/nope.yaml')).toBeUndefined();
    expect(exampleManifest('https://example.com/examples/application/php-apache.yaml')).toBeUndefined();
    const sim = Simulation.create();
    expect(kubectl(sim, 'apply -f https://k8s.io/examples/pods/nope.yaml')).toEqual({ output: 'error: unable to read URL "https://k8s.io/examples/pods/nope.yaml", server reported 404 Not Found, status code=404', exitCode: 1 });
    expect(kubectl(sim, 'delete -f https://k8s.io/examples/application/php-apache.yaml').exitCode).toBe(1);
    expect(kubectl(sim, 'apply -f ./nope.yaml')).toEqual({ output: 'error: the path "./nope.yaml" does not exist', exitCode: 1 });
  });
});
