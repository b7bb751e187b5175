import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { EndpointSlice, KubeEvent, Pod } from '../api/types';
import { backoffMs } from './program';

const SIDECAR_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: probe}
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
    volumeMounts: [{name: shared, mountPath: /usr/share/nginx/html/shared}]
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
      failureThreshold: 1
  - name: sidecar
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts: [{name: shared, mountPath: /data}]
---
apiVersion: v1
kind: Service
metadata: {name: probe}
spec:
  selector: {app: probe}
  ports: [{port: 80}]
`;

function events(sim: Simulation, pod: string, reason: string): string[] {
  return sim.ctx.api
    .list<KubeEvent>('Event', 'default')
    .filter((e) => e.involvedObject.name === pod && e.reason === reason)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message);
}

const pod = (sim: Simulation, name: string): Pod => sim.ctx.api.get<Pod>('Pod', 'default', name)!;

describe('inside a pod', () => {
  it('lets one container reach another over localhost, without leaving the pod', () => {
    const sim = Simulation.create();
    sim.applyManifest(SIDECAR_POD);
    const r = sim.exec('control-plane', 'kubectl exec web -c sidecar -- wget -qO- localhost:80');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('<title>Welcome to nginx!</title>');
    const t = sim.probes[sim.probes.length - 1].trace;
    expect(t.listener).toBe('nginx (container nginx)');
    // Every step in the pod's own namespace, over lo: nothing crossed eth0 or the node.
    const netns = new Set(t.steps.map((s) => s.netns));
    expect(netns.size).toBe(1);
    expect(sim.ctx.net.namespaces.get([...netns][0])?.pod).toBe('default/web');
    expect(t.steps.some((s) => s.device === 'eth0')).toBe(false);
  });

  it('shows the sandbox held by the pause container', () => {
    const sim = Simulation.create();
    sim.applyManifest(SIDECAR_POD);
    const node = pod(sim, 'web').spec.nodeName!;
    const ps = sim.exec(node, 'crictl ps --name sidecar').output.split('\n');
    expect(ps[0]).toMatch(/^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD +NAMESPACE$/);
    expect(ps[1]).toMatch(/ Running +sidecar +0 +[0-9a-f]{13} +web +default$/);
    const podId = ps[1].split(/\s+/)[ps[1].split(/\s+/).length - 3];
    const info = JSON.parse(sim.exec(node, `crictl inspectp ${podId}`).output);
    expect(info.info.image).toBe('registry.k8s.io/pause:3.10.1');
    expect(info.info.runtimeSpec.process.args).toEqual(['/pause']);
    expect(info.info.runtimeSpec.annotations['io.kubernetes.cri.container-type']).toBe('sandbox');
  });

  it('crashes the second server binding a port the first holds, with nginx\'s own error', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: v1
kind: Pod
metadata: {name: clash}
spec:
  containers:
  - {name: a, image: "nginx:1.27"}
  - {name: second, image: "nginx:1.27"}
`);
    sim.sleep(5000);
    const st = pod(sim, 'clash').status!.containerStatuses!;
    expect(st.find((s) => s.name === 'a')!.state.running).toBeDefined();
    expect(st.find((s) => s.name === 'second')!.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(st.find((s) => s.name === 'second')!.lastState?.terminated?.exitCode).toBe(1);
    expect(sim.exec('control-plane', 'kubectl get pod clash --no-headers').output).toMatch(/^clash +1\/2 +CrashLoopBackOff +0 +\d+s$/);
    const logs = sim.exec('control-plane', 'kubectl logs clash -c second').output;
    expect(logs).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)');
    expect(logs.split('\n').pop()).toBe('nginx: [emerg] still could not bind()');
    expect(sim.exec('control-plane', 'kubectl exec clash -c second -- ls').output).toBe('error: unable to upgrade connection: container not found ("second")');
  });

  it('shares an emptyDir between containers; the container layer is private', () => {
    const sim = Simulation.create();
    sim.applyManifest(SIDECAR_POD);
    expect(sim.exec('control-plane', `kubectl exec web -c sidecar -- sh -c "echo hello from the sidecar > /data/note.txt"`).exitCode).toBe(0);
    expect(sim.exec('control-plane', 'kubectl exec web -c nginx -- cat /usr/share/nginx/html/shared/note.txt').output).toBe('hello from the sidecar');
    expect(sim.exec('control-plane', 'kubectl exec web -c sidecar -- wget -qO- localhost/shared/note.txt').exitCode).toBe(0);
    sim.exec('control-plane', `kubectl exec web -c sidecar -- sh -c "echo mine > /tmp/own"`);
    expect(sim.exec('control-plane', 'kubectl exec web -c nginx -- cat /tmp/own').output).toBe('cat: /tmp/own: No such file or directory');
  });

  it('mounts a ConfigMap as files and passes its keys as env', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {greeting: hello, mode: debug}
---
apiVersion: v1
kind: Secret
metadata: {name: app-secret}
data: {password: czNjcjN0}
---
apiVersion: v1
kind: Pod
metadata: {name: cfg}
spec:
  volumes:
  - {name: config, configMap: {name: app-config}}
  - {name: secret, secret: {secretName: app-secret}}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
    env:
    - name: GREETING
      valueFrom: {configMapKeyRef: {name: app-config, key: greeting}}
    - name: PASSWORD
      valueFrom: {secretKeyRef: {name: app-secret, key: password}}
    envFrom:
    - prefix: CFG_
      configMapRef: {name: app-config}
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: secret, mountPath: /etc/secret, readOnly: true}
`);
    expect(sim.exec('control-plane', 'kubectl exec cfg -- ls /etc/config').output).toBe('greeting\nmode');
    expect(sim.exec('control-plane', 'kubectl exec cfg -- cat /etc/config/mode').output).toBe('debug');
    expect(sim.exec('control-plane', 'kubectl exec cfg -- cat /etc/secret/password').output).toBe('s3cr3t');
    const env = sim.exec('control-plane', 'kubectl exec cfg -- env').output.split('\n');
    expect(env).toEqual(expect.arrayContaining(['GREETING=hello', 'PASSWORD=s3cr3t', 'CFG_greeting=hello', 'CFG_mode=debug']));
    expect(sim.exec('control-plane', `kubectl exec cfg -- sh -c "echo x > /etc/config/mode"`).output).toBe("sh: can't create /etc/config/mode: Read-only file system");
    const describe = sim.exec('control-plane', 'kubectl describe pod cfg').output;
    expect(describe).toContain("GREETING:  <set to the key 'greeting' of config map 'app-config'>  Optional: false");
    expect(describe).toMatch(/\n {6}\/etc\/config from config \(rw\)\n {6}\/etc\/secret from secret \(ro\)\n/);
    expect(describe).toMatch(/\n {2}config:\n {4}Type: +ConfigMap \(a volume populated by a ConfigMap\)\n {4}Name: +app-config\n/);
  });
});

describe('pod validation', () => {
  it('rejects a mount of an undeclared volume and a probe without a handler, writing nothing', () => {
    const sim = Simulation.create();
    const r = sim.applyManifest(`apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: nope, mountPath: /data}]
    livenessProbe: {periodSeconds: 5}
`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('spec.containers[0].volumeMounts[0].name: Not found: "nope"');
    expect(r.output).toContain('spec.containers[0].livenessProbe: Required value: must specify a handler type');
    expect(sim.ctx.api.get('Pod', 'default', 'bad')).toBeUndefined();
  });
});

describe('health checking', () => {
  it('takes a pod failing its readiness probe out of the Service, and back in when it recovers', () => {
    const sim = Simulation.create();
    sim.applyManifest(SIDECAR_POD);
    sim.sleep(1000);
    const slice = (): EndpointSlice => (sim.ctx.api.peekAll('EndpointSlice') as EndpointSlice[]).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'probe')!;
    expect(slice().endpoints.map((e) => e.conditions?.ready)).toEqual([true]);
    sim.exec('control-plane', 'kubectl exec web -c nginx -- rm /usr/share/nginx/html/index.html');
    sim.sleep(6000);
    expect(events(sim, 'web', 'Unhealthy')).toEqual(['Readiness probe failed: HTTP probe failed with statuscode: 403']);
    expect(pod(sim, 'web').status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(slice().endpoints.map((e) => e.conditions?.ready)).toEqual([false]);
    expect(sim.exec('control-plane', 'kubectl exec web -c sidecar -- wget -qO- localhost').output).toBe('wget: server returned error: HTTP/1.1 403 Forbidden');
    expect(sim.exec('control-plane', 'kubectl get endpoints probe').output).toMatch(/\nprobe +<none> +\d+s$/);
    expect(sim.exec('control-plane', 'kubectl get pod web --no-headers').output).toMatch(/^web +1\/2 +Running +0 +\d+s$/);
    // kube-proxy has no ready endpoint left: the Service refuses connections.
    const svc = sim.exec('control-plane', 'kubectl get svc probe -o jsonpath={.spec.clusterIP}').output;
    expect(sim.exec('default/client', `wget -qO- -T 1 http://${svc}/`).exitCode).not.toBe(0);
    sim.exec('control-plane', `kubectl exec web -c nginx -- sh -c "echo back > /usr/share/nginx/html/index.html"`);
    sim.sleep(6000);
    expect(slice().endpoints.map((e) => e.conditions?.ready)).toEqual([true]);
    expect(sim.exec('default/client', `wget -qO- http://${svc}/`).output).toContain('Welcome to nginx!');
  });

  it('restarts a container failing its liveness probe, with back-off, and counts the restarts', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: v1
kind: Pod
metadata: {name: live}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
    livenessProbe:
      exec: {command: ["cat", "/tmp/healthy"]}
      initialDelaySeconds: 5
      periodSeconds: 5
      failureThreshold: 2
`);
    const t0 = sim.ctx.clock.now;
    const restartsAt: number[] = [];
    let last = 0;
    while (sim.ctx.clock.step(t0 + 120_000)) {
      const n = pod(sim, 'live').status?.containerStatuses?.[0].restartCount ?? 0;
      if (n > last) restartsAt.push(Math.round((sim.ctx.clock.now - t0) / 1000));
      last = n;
    }
    // Failures at 5 s and 10 s kill it (restarted at once); each new container fails twice more (10 s), then waits out the back-off: 10 s, 20 s ...
    const second = 10 + 10 + backoffMs(1) / 1000;
    expect(restartsAt.slice(0, 3)).toEqual([10, second, second + 10 + backoffMs(2) / 1000]);
    expect(events(sim, 'live', 'Unhealthy')[0]).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(events(sim, 'live', 'Killing')[0]).toBe('Container app failed liveness probe, will be restarted');
    const describe = sim.exec('control-plane', 'kubectl describe pod live').output;
    expect(describe).toContain('    Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=2\n');
    expect(describe).toMatch(/Last State: +Terminated\n +Reason: +Error\n +Exit Code: +137\n/);
  });

  it('keeps a healthy exec probe passing while the file exists, and gates liveness behind a startup probe', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  containers:
  - name: app
    image: nginx:1.27
    startupProbe:
      tcpSocket: {port: 80}
      periodSeconds: 10
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      initialDelaySeconds: 30
`);
    sim.sleep(5000);
    expect(pod(sim, 'slow').status!.containerStatuses![0]).toMatchObject({ started: true, ready: true });
    sim.sleep(60_000);
    expect(events(sim, 'slow', 'Unhealthy')[0]).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(pod(sim, 'slow').status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1);
  });
});
