import { describe, expect, it } from 'vitest';
import { checkStep, lessonStart, showMe } from './runner';

const ID = 'autoscaling-hpa';
const view = { panel: 'lesson' as const };

describe('lesson autoscaling-hpa', () => {
  it('tells the learner to wait for metrics-server and for the HPA', () => {
    const sim = lessonStart(ID);
    sim.exec('control-plane', 'kubectl top nodes');
    expect(checkStep(sim, ID, 0, view).message).toMatch(/no samples yet: `sleep 60`/);
    expect(checkStep(sim, ID, 0, view, 'de').message).toMatch(/noch keine Messwerte/);
    sim.exec('control-plane', 'sleep 60');
    sim.exec('control-plane', 'kubectl top nodes');
    expect(checkStep(sim, ID, 0, view).passed).toBe(true);

    sim.exec('control-plane', 'kubectl create deployment php-apache --image=registry.k8s.io/hpa-example --port=80');
    expect(checkStep(sim, ID, 1, view).message).toMatch(/requests no CPU/);
    // The imperative way there works too: a request, then the Service.
    sim.exec('control-plane', 'kubectl set resources deployment php-apache --requests=cpu=200m --limits=cpu=500m');
    expect(checkStep(sim, ID, 1, view).message).toMatch(/not the Service php-apache/);
    sim.exec('control-plane', 'kubectl expose deployment php-apache --port=80');
    expect(checkStep(sim, ID, 1, view).passed).toBe(true);

    sim.exec('control-plane', 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    sim.exec('control-plane', 'kubectl get hpa');
    expect(checkStep(sim, ID, 2, view).message).toMatch(/still `<unknown>`/);
    showMe(sim, ID, 2, view);
    sim.exec('control-plane', 'kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"');
    expect(checkStep(sim, ID, 3, view).message).toMatch(/still has 1 replica/);
  });

  it('wants the window waited out and the metrics really gone', () => {
    const sim = lessonStart(ID);
    for (let i = 0; i < 5; i++) showMe(sim, ID, i, view);
    sim.exec('control-plane', 'kubectl delete pod load-generator');
    sim.exec('control-plane', 'sleep 60');
    expect(checkStep(sim, ID, 6, view).message).toMatch(/Still 7 replicas: the window is 300 s/);
    sim.exec('control-plane', 'kubectl scale deployment metrics-server -n kube-system --replicas=0');
    // The HPA has not synced since the pod went away.
    expect(checkStep(sim, ID, 7, view).passed).toBe(false);
  });
});
