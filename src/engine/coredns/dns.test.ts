import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import { Simulation } from '../sim/simulation';
import { COREFILE } from './addon';
import { COREDNS_DAEMON } from './daemon';

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: example.com
`;

let sim: Simulation;
let webIP: string;
beforeAll(() => {
  sim = Simulation.create();
  // Later than the client's start (timestamps have one-second resolution).
  sim.sleep(2000);
  expect(sim.applyManifest(SERVICES).exitCode).toBe(0);
  webIP = sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP!;
});

describe('the CoreDNS addon', () => {
  it('kubeadm installs the coredns ConfigMap, Deployment and the kube-dns Service on 10.96.0.10', () => {
    const out = sim.exec('control-plane', 'kubectl -n kube-system get svc kube-dns').output;
    expect(out).toMatch(/^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP/m);
    expect(sim.exec('control-plane', 'kubectl -n kube-system get cm coredns -o jsonpath={.data.Corefile}').output).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure');
    expect(sim.exec('control-plane', 'kubectl -n kube-system get deploy coredns').output).toMatch(/^coredns +2\/2 +2 +2/m);
  });
});

describe('name resolution as packets', () => {
  it('a pod resolv.conf points at kube-dns with the namespace search list', () => {
    expect(sim.exec('default/client', 'cat /etc/resolv.conf').output).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5');
  });

  it('a host-network pod (kube-proxy) keeps the node\'s resolv.conf, hosts and hostname', () => {
    const kp = sim.pods().find((p) => p.spec.hostNetwork && p.spec.nodeName === 'node-1' && p.metadata.name.startsWith('kube-proxy-'))!;
    const id = `kube-system/${kp.metadata.name}`;
    expect(sim.exec(id, 'cat /etc/resolv.conf').output).toBe('nameserver 8.8.8.8\nnameserver 1.1.1.1');
    expect(sim.exec(id, 'hostname').output).toBe('node-1');
    expect(sim.exec(id, 'cat /etc/hosts').output).toContain('node-1');
  });

  it('busybox nslookup: A and AAAA under each search domain, a ClusterIP for the Service', () => {
    const r = sim.exec('default/client', 'nslookup web');
    expect(r.output).toBe(
      [
        'Server:\t\t10.96.0.10',
        'Address:\t10.96.0.10:53',
        '',
        'Name:\tweb.default.svc.cluster.local',
        `Address: ${webIP}`,
        '',
        "** server can't find web.svc.cluster.local: NXDOMAIN",
        '',
        "** server can't find web.cluster.local: NXDOMAIN",
        '',
        "*** Can't find web.default.svc.cluster.local: No answer",
        '',
        "** server can't find web.svc.cluster.local: NXDOMAIN",
        '',
        "** server can't find web.cluster.local: NXDOMAIN",
        '',
      ].join('\n'),
    );
    expect(r.exitCode).toBe(1);
  });

  it('the query is DNATed by kube-proxy to a CoreDNS pod and the reply comes back from 10.96.0.10', () => {
    sim.exec('default/client', 'nslookup web.default.svc.cluster.local');
    const t = sim.probes.filter((p) => p.tool === 'nslookup').at(-1)!.trace;
    expect(t).toMatchObject({ proto: 'udp', port: 53, dst: '10.96.0.10', replied: true });
    expect(t.listener).toBe('coredns (container coredns)');
    expect(t.steps.some((s) => (s.stage === 'conntrack' || s.stage.startsWith('nat/')) && /DNAT/.test(s.summary))).toBe(true);
    expect(t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver')!.nsLabel).toMatch(/^pod kube-system\/coredns-/);
    expect(t.steps.at(-1)!.before.ip.src).toBe('10.96.0.10');
  });

  it('a headless Service answers the ready pod IPs; ExternalName is a CNAME resolved upstream', () => {
    const pods = sim.pods().filter((p) => p.metadata.labels?.app === 'web').map((p) => p.status!.podIP!);
    const short = sim.exec('node-1', 'dig @10.96.0.10 web-headless.default.svc.cluster.local +short').output.split('\n');
    expect(short.sort()).toEqual(pods.sort());
    const ext = sim.exec('default/client', 'nslookup ext.default.svc.cluster.local').output;
    expect(ext).toContain('Non-authoritative answer:\next.default.svc.cluster.local\tcanonical name = example.com\nName:\texample.com\nAddress: 93.184.215.14\n');
    expect(sim.probes.some((p) => p.tool === 'coredns' && p.trace.dst === '8.8.8.8' && p.trace.replied)).toBe(true);
  });

  it('dig prints the header, sections, query time and server; host and getent print their own lines', () => {
    const out = sim.exec('node-1', 'dig @10.96.0.10 web.default.svc.cluster.local').output.split('\n');
    expect(out.slice(0, 3)).toEqual(['', '; <<>> DiG 9.16.50-Debian <<>> @10.96.0.10 web.default.svc.cluster.local', ';; global options: +cmd']);
    expect(out).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1');
    expect(out).toContain(';web.default.svc.cluster.local.\tIN\tA');
    expect(out).toContain(`web.default.svc.cluster.local. 30 IN\tA\t${webIP}`);
    expect(out).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10)');
    expect(sim.exec('node-1', 'dig -x 10.96.0.10 @10.96.0.10 +short').output).toBe('kube-dns.kube-system.svc.cluster.local.');
    expect(sim.exec('node-1', 'host example.com').output).toBe('example.com has address 93.184.215.14');
    expect(sim.exec('node-1', 'host nope.example')).toEqual({ output: 'Host nope.example not found: 3(NXDOMAIN)', exitCode: 1 });
    expect(sim.exec('node-1', 'getent hosts example.com').output).toBe('93.184.215.14   example.com');
  });

  it('BIND nslookup on a node asks 8.8.8.8; SRV records come with the target address', () => {
    expect(sim.exec('node-1', 'nslookup example.com').output).toBe('Server:\t\t8.8.8.8\nAddress:\t8.8.8.8#53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 93.184.215.14\n');
    expect(sim.exec('node-1', 'nslookup web.default.svc.cluster.local')).toEqual({ output: "Server:\t\t8.8.8.8\nAddress:\t8.8.8.8#53\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n", exitCode: 1 });
    const srv = sim.exec('node-1', 'dig @10.96.0.10 _http._tcp.web.default.svc.cluster.local SRV').output;
    expect(srv).toContain(';; ANSWER SECTION:\n_http._tcp.web.default.svc.cluster.local. 30 IN SRV 0 100 80 web.default.svc.cluster.local.\n');
    expect(srv).toContain(`;; ADDITIONAL SECTION:\nweb.default.svc.cluster.local. 30 IN\tA\t${webIP}\n`);
    expect(sim.exec('default/client', 'dig web')).toEqual({ output: 'sh: dig: not found', exitCode: 127 });
  });

  it('dig +tcp walks a TCP handshake to port 53; $VARS expand from the pod environment', () => {
    expect(sim.exec('node-1', 'dig +tcp @10.96.0.10 kubernetes.default.svc.cluster.local +short').output).toBe('10.96.0.1');
    expect(sim.probes.at(-1)!.trace).toMatchObject({ proto: 'tcp', port: 53, replied: true, listener: 'coredns (container coredns)' });
    expect(sim.exec('default/client', 'echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT').output).toBe('10.96.0.1:443');
  });

  it('the apiserver validates ExternalName targets and refuses headless NodePorts', () => {
    const bad = (spec: string): string => sim.applyManifest(`apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n${spec}`).output;
    expect(bad('  type: ExternalName\n  externalName: Not_A_Name')).toContain('The Service "bad" is invalid: spec.externalName: Invalid value: "Not_A_Name": a lowercase RFC 1123 subdomain');
    expect(bad('  type: ExternalName\n  externalName: example.com\n  clusterIP: 10.96.0.99')).toContain('spec.clusterIPs: Invalid value: []string{"10.96.0.99"}: may not be set for ExternalName services');
    expect(bad('  type: NodePort\n  clusterIP: None\n  ports:\n  - port: 80')).toContain(`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`);
    expect(sim.ctx.api.get('Service', 'default', 'bad')).toBeUndefined();
    const pod = (spec: string): string => sim.applyManifest(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: badpod\nspec:\n${spec}  containers:\n  - name: c\n    image: busybox\n`).output;
    expect(pod('  dnsPolicy: Cluster\n')).toContain('spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"');
    expect(pod('  dnsPolicy: None\n')).toContain('spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None');
    expect(pod('  hostname: Web_0\n')).toContain('spec.hostname: Invalid value: "Web_0": a lowercase RFC 1123 label');
  });

  it('CoreDNS pods answer health, ready and metrics with their real counters', () => {
    const s = Simulation.create();
    const ips = s.pods().filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.status!.podIP!);
    // One socket, one conntrack flow: all six queries of one nslookup land on the same CoreDNS pod.
    s.exec('default/client', 'nslookup kubernetes');
    const pages = ips.map((ip) => s.exec('control-plane', `curl -s ${ip}:9153/metrics`).output);
    const served = pages.find((p) => p.includes('type="AAAA"'))!;
    expect(served).toContain('coredns_dns_requests_total{family="1",proto="udp",server="dns://:53",type="A",view="",zone="."} 3\n');
    expect(served).toContain('coredns_dns_responses_total{plugin="",rcode="NXDOMAIN",server="dns://:53",view="",zone="."} 4\n');
    expect(s.exec('control-plane', `curl -s ${ips[0]}:8080/health`).output).toBe('OK');
    expect(s.exec('control-plane', `curl -s ${ips[0]}:8181/ready`).output).toBe('OK');
  });

  it('curl, wget and ping take names; an unknown name is "Could not resolve host"', () => {
    expect(sim.exec('default/client', 'wget -qO- web').output).toContain('Welcome to nginx!');
    expect(sim.exec('default/client', 'ping -c 1 example.com').output).toMatch(/^PING example\.com \(93\.184\.215\.14\): 56 data bytes/);
    expect(sim.exec('node-1', 'curl http://nope.example/')).toEqual({ output: 'curl: (6) Could not resolve host: nope.example', exitCode: 6 });
    expect(sim.exec('default/client', 'wget -qO- nope')).toEqual({ output: "wget: bad address 'nope'", exitCode: 1 });
  });

  it('with CoreDNS scaled to 0 lookups time out', () => {
    const s = Simulation.create();
    s.exec('control-plane', 'kubectl -n kube-system scale deployment coredns --replicas=0');
    s.sleep(60_000);
    const t0 = s.ctx.clock.now;
    expect(s.exec('default/client', 'nslookup kubernetes.default.svc.cluster.local')).toEqual({ output: ';; connection timed out; no servers could be reached\n', exitCode: 1 });
    expect(s.ctx.clock.now - t0).toBeGreaterThanOrEqual(5000);
    expect(s.exec('node-1', 'dig @10.96.0.10 kubernetes.default.svc.cluster.local').output).toBe(
      '\n; <<>> DiG 9.16.50-Debian <<>> @10.96.0.10 kubernetes.default.svc.cluster.local\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n',
    );
    expect(s.exec('default/client', 'wget -qO- web')).toEqual({ output: "wget: bad address 'web'", exitCode: 1 });
  });
});

describe('editing the coredns ConfigMap', () => {
  const withCorefile = (text: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n${text.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}`;

  it('the reload plugin picks up a new forward target within 30 s', () => {
    const s = Simulation.create();
    expect(s.applyManifest(withCorefile(COREFILE.replace('forward . /etc/resolv.conf', 'forward . 1.1.1.1'))).exitCode).toBe(0);
    s.sleep(31_000);
    expect(s.exec('default/client', 'nslookup example.com').output).toContain('Address: 93.184.215.14');
    expect(s.probes.filter((p) => p.tool === 'coredns').at(-1)!.trace.dst).toBe('1.1.1.1');
    const pod = s.pods().find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')!.metadata.name;
    expect(s.exec('control-plane', `kubectl -n kube-system logs ${pod}`).output).toMatch(/\[INFO\] Reloading\n\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}\n\[INFO\] Reloading complete$/);
  });

  it('forwarding to kube-dns itself is a loop: the loop plugin stops CoreDNS (CrashLoopBackOff)', () => {
    const s = Simulation.create();
    s.applyManifest(withCorefile(COREFILE.replace('forward . /etc/resolv.conf', 'forward . 10.96.0.10')));
    const old = s.pods().filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.metadata.name);
    s.exec('control-plane', `kubectl -n kube-system delete pod ${old.join(' ')}`);
    s.sleep(60_000);
    const out = s.exec('control-plane', 'kubectl -n kube-system get pods -l k8s-app=kube-dns').output;
    expect(out).toMatch(/coredns-\S+ +0\/1 +(CrashLoopBackOff|Error)/);
    const name = /^(coredns-\S+)/m.exec(out)![1];
    // What the crashed process printed (kubectl logs shows it between restarts).
    const pod = s.ctx.api.get<Pod>('Pod', 'kube-system', name)!;
    expect(COREDNS_DAEMON.logs!({ ctx: s.ctx, host: pod.spec.nodeName!, pod, container: pod.spec.containers[0] }, 0).at(-1)).toMatch(/\[FATAL\] plugin\/loop: Loop \(10\.244\.\d+\.\d+:\d+ -> :53\) detected for zone "\.", see https:\/\/coredns\.io\/plugins\/loop#troubleshooting\. Query: "HINFO \d+\.\d+\."$/);
    expect(s.exec('default/client', 'nslookup kubernetes.default.svc.cluster.local').output).toBe(';; connection timed out; no servers could be reached\n');
  });

  it('a broken Corefile is refused by running servers and crashes new ones', () => {
    const s = Simulation.create();
    s.applyManifest(withCorefile(COREFILE.slice(0, -2)));
    s.sleep(31_000);
    expect(s.exec('default/client', 'nslookup kubernetes.default.svc.cluster.local').output).toContain('Address: 10.96.0.1');
    const pods = s.pods().filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.metadata.name);
    expect(s.exec('control-plane', `kubectl -n kube-system logs ${pods[0]}`).output + s.exec('control-plane', `kubectl -n kube-system logs ${pods[1]}`).output).toContain('[ERROR] Restart failed: Corefile - Error during parsing: Unexpected EOF');
    s.exec('control-plane', `kubectl -n kube-system delete pod ${pods[0]}`);
    s.sleep(30_000);
    const fresh = s.pods().find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && !pods.includes(p.metadata.name))!;
    expect(s.exec('control-plane', `kubectl -n kube-system get pod ${fresh.metadata.name}`).output).toMatch(/(CrashLoopBackOff|Error)/);
  });
});

describe('environment variables', () => {
  it('Services that existed when the container started become variables; enableServiceLinks: false keeps only kubernetes', () => {
    const env = sim.exec('default/client', 'env').output.split('\n');
    expect(env.slice(0, 3)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=client', 'KUBERNETES_SERVICE_HOST=10.96.0.1']);
    expect(env).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443');
    // web was created after the client started: not in its environment until it restarts.
    expect(env.some((l) => l.startsWith('WEB_'))).toBe(false);
    sim.applyManifest(`apiVersion: v1
kind: Pod
metadata:
  name: late
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
    env:
    - name: GREETING
      value: hello
---
apiVersion: v1
kind: Pod
metadata:
  name: nolinks
spec:
  enableServiceLinks: false
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
`);
    sim.sleep(10_000);
    const late = sim.exec('default/late', 'env').output.split('\n');
    expect(late).toEqual(expect.arrayContaining(['GREETING=hello', `WEB_SERVICE_HOST=${webIP}`, 'WEB_SERVICE_PORT=80', 'WEB_SERVICE_PORT_HTTP=80', `WEB_PORT=tcp://${webIP}:80`, `WEB_PORT_80_TCP_ADDR=${webIP}`, 'WEB_PORT_80_TCP_PROTO=tcp']));
    expect(late.some((l) => l.startsWith('WEB_HEADLESS') || l.startsWith('EXT_'))).toBe(false);
    expect(sim.exec('default/late', 'printenv WEB_SERVICE_PORT').output).toBe('80');
    const nolinks = sim.exec('default/nolinks', 'env').output;
    expect(nolinks).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(nolinks).not.toContain('WEB_');
  });
});
