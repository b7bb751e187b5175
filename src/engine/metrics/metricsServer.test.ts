import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Deployment } from '../api/types';

const kubectl = (sim: Simulation, cmd: string): string => sim.exec('control-plane', `kubectl ${cmd}`).output;

const PHP_APACHE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata: {labels: {run: php-apache}}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 200m}, limits: {cpu: 500m}}
`;

const UNAVAILABLE = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)';

describe('metrics-server', () => {
  it('is a Deployment and a Service in kube-system, as components.yaml installs it', () => {
    const sim = Simulation.create();
    sim.sleep(30_000);
    const out = kubectl(sim, 'get deploy,svc -n kube-system metrics-server');
    expect(out).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ndeployment\.apps\/metrics-server +1\/1 +1 +1 +\d+s\n\nNAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nservice\/metrics-server +ClusterIP +10\.\d+\.\d+\.\d+ +<none> +443\/TCP +\d+s$/);
    const d = sim.ctx.api.get<Deployment>('Deployment', 'kube-system', 'metrics-server')!;
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe('registry.k8s.io/metrics-server/metrics-server:v0.7.2');
    expect(c.args).toEqual(['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--kubelet-insecure-tls']);
    const pod = sim.pods().find((p) => p.metadata.labels?.['k8s-app'] === 'metrics-server')!;
    expect(kubectl(sim, `get endpoints -n kube-system metrics-server --no-headers`)).toMatch(new RegExp(`\nmetrics-server +${pod.status!.podIP!.replace(/\./g, '\\.')}:10250 +\\d+s$`));
    expect(kubectl(sim, `logs -n kube-system ${pod.metadata.name}`)).toMatch(/^I\d{4} [\d:.]+ +1 serving\.go:374\] Generated self-signed cert[\s\S]*Serving securely on \[::\]:10250/);
  });

  it('kubectl top and the HPA work only while a metrics-server pod runs', () => {
    const sim = Simulation.create();
    sim.applyManifest(PHP_APACHE);
    kubectl(sim, 'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    sim.sleep(60_000);
    expect(kubectl(sim, 'top pods -l run=php-apache')).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\)\nphp-apache-\S+ +\d+m +\d+Mi$/);
    expect(kubectl(sim, 'get hpa --no-headers')).toMatch(/cpu: \d+%\/50%/);

    expect(kubectl(sim, 'scale deployment metrics-server -n kube-system --replicas=0')).toBe('deployment.apps/metrics-server scaled');
    sim.sleep(45_000);
    expect(sim.exec('control-plane', 'kubectl top pods')).toEqual({ output: 'error: Metrics API not available', exitCode: 1 });
    expect(kubectl(sim, 'top nodes')).toBe('error: Metrics API not available');
    expect(kubectl(sim, 'get hpa --no-headers')).toMatch(/^php-apache +Deployment\/php-apache +cpu: <unknown>\/50% +1 +10 +1 +\d+s$/);
    const describe = kubectl(sim, 'describe hpa php-apache');
    expect(describe).toContain(`ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: ${UNAVAILABLE}`);
    expect(describe).toMatch(new RegExp(`Warning +FailedGetResourceMetric +\\S+(?: \\(x\\d+ over \\S+\\))? +horizontal-pod-autoscaler +${UNAVAILABLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(describe).toContain(`invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${UNAVAILABLE}`);

    kubectl(sim, 'scale deployment metrics-server -n kube-system --replicas=1');
    sim.sleep(60_000);
    expect(kubectl(sim, 'top pods -l run=php-apache')).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\)\nphp-apache-/);
    expect(kubectl(sim, 'get hpa --no-headers')).toMatch(/cpu: \d+%\/50%/);
  });
});
