import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Deployment } from '../api/types';
import { computeReplicas, hpaHistory } from './hpa';
import { parseLoop } from '../metrics/load';

const phpApache = (replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

const replicas = (sim: Simulation): number => sim.ctx.api.get<Deployment>('Deployment', 'default', 'php-apache')!.spec.replicas ?? 1;
const kubectl = (sim: Simulation, cmd: string): string => sim.exec('control-plane', `kubectl ${cmd}`).output;

describe('load generator', () => {
  it('reads the request rate from the shell loop', () => {
    expect(parseLoop('/bin/sh -c while sleep 0.01; do wget -q -O- http://php-apache; done')).toEqual({ url: 'http://php-apache', rps: 50 });
    expect(parseLoop('sh -c while true; do wget -q -O- http://web.default.svc/; done')?.rps).toBe(100);
    expect(parseLoop('sleep infinity')).toBeUndefined();
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('shows <unknown> targets until metrics-server has samples', () => {
    const sim = Simulation.create();
    sim.applyManifest(phpApache(1));
    expect(kubectl(sim, 'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toContain('horizontalpodautoscaler.autoscaling/php-apache autoscaled');
    expect(kubectl(sim, 'get hpa')).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nphp-apache\s+Deployment\/php-apache\s+cpu: <unknown>\/50%\s+1\s+10\s+0\s+0s$/);
    sim.sleep(60_000);
    // php-apache idles at about 1m of its 200m request (the sample's wobble makes it 0 or 1 %).
    expect(kubectl(sim, 'get hpa')).toMatch(/cpu: [01]%\/50%\s+1\s+10\s+1\s+/);
  });

  it('scales 3 → 7 under load and back to 1 five minutes after the load stops', () => {
    const sim = Simulation.create();
    sim.applyManifest(phpApache(3));
    kubectl(sim, 'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    // 1 / (0.008 s + 10 ms round trip) ≈ 55.6 req/s × 12 ms of CPU each ≈ 667m: 3 pods at 111 % of 200m.
    kubectl(sim, 'run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.008; do wget -q -O- http://php-apache; done"');
    sim.sleep(180_000);
    expect(replicas(sim)).toBe(7);
    expect(kubectl(sim, 'get hpa')).toMatch(/cpu: (4[5-9]|50)%\/50%\s+1\s+10\s+7/);
    expect(kubectl(sim, 'describe hpa php-apache')).toContain('New size: 7; reason: cpu resource utilization (percentage of request) above target');
    kubectl(sim, 'delete pod load-generator');
    sim.sleep(240_000);
    expect(replicas(sim)).toBe(7); // still inside the 300 s scale-down stabilization window
    sim.sleep(90_000);
    expect(replicas(sim)).toBe(1);
    const hist = hpaHistory(sim.ctx)['default/php-apache'];
    expect(hist[0].replicas).toBe(3);
    expect(Math.max(...hist.map((s) => s.replicas))).toBe(7);
    expect(hist.at(-1)!.desired).toBe(1);
  });

  it('reports the Metrics API unavailable until metrics-server is Ready, then no metrics until it has some', () => {
    const sim = Simulation.create();
    expect(computeReplicas(sim.ctx, [], 3, 50).error).toBe('failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)');
    sim.sleep(30_000);
    expect(computeReplicas(sim.ctx, [], 3, 50).error).toContain('no metrics returned from resource metrics API');
  });
});
