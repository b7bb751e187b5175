/** Lesson "Service discovery": resolv.conf, CoreDNS behind the kube-dns ClusterIP, headless Services, env vars, and DNS going away. */
import type { Deployment } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { appPods, commandsRun, lastOutput, ran, ranAfter, serviceByName } from './helpers';

const CLIENT = 'default/client';

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
`;

const corednsReplicas = (sim: Simulation): number | undefined => sim.ctx.api.get<Deployment>('Deployment', 'kube-system', 'coredns')?.spec.replicas;

/** The output of the last nslookup run in the client. */
const lastLookup = (sim: Simulation): string | undefined => lastOutput(sim, /^nslookup\b/, CLIENT);

export const serviceDiscovery: Lesson = {
  id: 'service-discovery',
  title: 'Service discovery: DNS and env vars',
  topic: 'Services',
  summary: 'Read a pod\'s resolv.conf, resolve Services through CoreDNS (headless too), find the env vars, and watch lookups fail without CoreDNS.',
  minutes: 10,
  steps: [
    {
      title: 'Who answers a pod\'s questions?',
      body:
        'The kubelet writes `/etc/resolv.conf` into every pod (dnsPolicy `ClusterFirst`). In the terminal of `default/client`, run:\n\n`cat /etc/resolv.conf`\n\n' +
        'The **nameserver** is `10.96.0.10` — the ClusterIP of the `kube-dns` Service in kube-system, the 10th address of the service range that kubeadm reserves. ' +
        'The **search** list and `ndots:5` decide which names get tried for a short name like `web`.',
      hint: 'Open a terminal on the pod default/client (busybox).',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, CLIENT, /cat \/etc\/resolv\.conf/)
          ? { passed: true, message: 'nameserver 10.96.0.10, search default.svc.cluster.local svc.cluster.local cluster.local, options ndots:5.' }
          : { passed: false, message: 'Run `cat /etc/resolv.conf` in default/client.' },
      showMe: () => ({ kind: 'exec', target: CLIENT, command: 'cat /etc/resolv.conf' }),
    },
    {
      title: 'Give the web pods a name',
      body:
        'Apply two Services for the `web` pods: a normal one (`web`, gets a ClusterIP) and a **headless** one (`web-headless`, `clusterIP: None`). ' +
        'CoreDNS watches Services and EndpointSlices through the API server; as soon as they exist it answers for them.',
      hint: 'Use the manifest editor, or the "show me" button.',
      manifest: SERVICES,
      highlight: 'editor-panel',
      check: ({ sim }) =>
        serviceByName(sim, 'web') && serviceByName(sim, 'web-headless')
          ? { passed: true, message: `web got ClusterIP ${serviceByName(sim, 'web')!.spec.clusterIP}; web-headless has none.` }
          : { passed: false, message: 'Apply the two Services web and web-headless.' },
      showMe: () => ({ kind: 'apply', manifest: SERVICES }),
    },
    {
      title: 'Ask CoreDNS',
      body:
        'In `default/client`, run `nslookup web`. busybox sends the name under **each search domain**, for A and AAAA: only `web.default.svc.cluster.local` exists, the others are NXDOMAIN. ' +
        'Each query is a real UDP packet: open the packet trace of the lookup and see kube-proxy DNAT `10.96.0.10:53` to one of the **CoreDNS pods**, and conntrack undo it on the way back.',
      hint: 'Short names work because of the search list. NXDOMAIN although web exists? If you asked before creating it, CoreDNS\'s `cache 30` may keep that answer up to 30 s: `sleep 30` and ask again.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = serviceByName(sim, 'web')?.spec.clusterIP;
        const out = lastLookup(sim);
        if (!out) return { passed: false, message: 'Run `nslookup web` in default/client.' };
        if (ip && out.includes(`Address: ${ip}`)) return { passed: true, message: `web.default.svc.cluster.local → ${ip}.` };
        return { passed: false, message: 'That lookup did not return web\'s address. Try `nslookup web`.' };
      },
      showMe: () => ({ kind: 'exec', target: CLIENT, command: 'nslookup web' }),
    },
    {
      title: 'It is the ClusterIP',
      body:
        'Compare with the Service: on `control-plane` run `kubectl get svc web`. The address DNS gave you is the **ClusterIP** — a virtual address that exists only as kube-proxy\'s rules. ' +
        'Connecting to it (`wget -qO- web`) is DNATed again, this time to one of the nginx pods.',
      hint: 'CLUSTER-IP is the column to compare.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ranAfter(sim, 'control-plane', /^nslookup\b/, /kubectl get (svc|services?)\b/)
          ? { passed: true, message: `Same address: ${serviceByName(sim, 'web')?.spec.clusterIP}. DNS hands out the Service's virtual IP, not a pod.` }
          : { passed: false, message: 'Run `kubectl get svc web` on control-plane.' },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get svc web' }),
    },
    {
      title: 'Headless: the pods themselves',
      body:
        'Now `nslookup web-headless`. A headless Service has no ClusterIP and no kube-proxy rules: CoreDNS answers with the **ready pod IPs** from its EndpointSlice, one A record each. ' +
        'Clients pick one themselves — that is how StatefulSets give each pod a stable name.',
      hint: 'Compare the addresses with `kubectl get pods -o wide -l app=web`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const out = lastLookup(sim);
        const ips = appPods(sim, 'web').map((p) => p.status?.podIP).filter((ip): ip is string => !!ip);
        if (out && ips.length > 0 && ips.every((ip) => out.includes(`Address: ${ip}`))) return { passed: true, message: `The pod IPs: ${ips.join(', ')}.` };
        return { passed: false, message: 'Run `nslookup web-headless` in default/client.' };
      },
      showMe: () => ({ kind: 'exec', target: CLIENT, command: 'nslookup web-headless' }),
    },
    {
      title: 'The older way: environment variables',
      body:
        'Before DNS, the kubelet injected variables: `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT`, `<NAME>_PORT_80_TCP...` for every Service of the namespace **that existed when the container started**. ' +
        'Run `env | grep SERVICE` in `client`: only `KUBERNETES_*` — web came later. Start a new pod and look again:\n\n`kubectl run late --image=busybox:1.36 --command -- sleep infinity`\n\nthen `env | grep WEB` in `default/late`.',
      hint: 'Headless Services get no variables (they have no ClusterIP). `enableServiceLinks: false` turns them off.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const out = lastOutput(sim, /^(env|printenv)\b/);
        if (out && /WEB_SERVICE_HOST=/.test(out)) return { passed: true, message: 'The new pod has WEB_SERVICE_HOST and friends; client does not, until it is recreated.' };
        return { passed: false, message: 'Create the pod `late` and run `env | grep WEB` in it.' };
      },
      showMe: () => ({ kind: 'multi', runs: [{ target: CLIENT, command: 'env | grep SERVICE' }, { target: 'control-plane', command: 'kubectl run late --image=busybox:1.36 --command -- sleep infinity' }, { target: 'default/late', command: 'env | grep WEB' }] }),
    },
    {
      title: 'No CoreDNS, no names',
      body:
        'Scale CoreDNS away: `kubectl -n kube-system scale deployment coredns --replicas=0` on control-plane, then `nslookup web` in client. ' +
        'kube-dns has no endpoints, kube-proxy rejects the query and the lookup ends with `;; connection timed out; no servers could be reached`. ' +
        'Addresses still work (`wget -qO- <ClusterIP>`): only names are gone.',
      hint: 'Watch the coredns pods terminate in the cluster view.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (corednsReplicas(sim) !== 0) return { passed: false, message: 'Scale the coredns Deployment in kube-system to 0 replicas.' };
        const out = lastLookup(sim);
        if (out?.includes('no servers could be reached')) return { passed: true, message: 'Timed out: nothing answers on 10.96.0.10:53 any more.' };
        return { passed: false, message: 'Now run `nslookup web` in default/client.' };
      },
      showMe: () => ({ kind: 'multi', runs: [{ target: 'control-plane', command: 'kubectl -n kube-system scale deployment coredns --replicas=0' }, { target: CLIENT, command: 'nslookup web' }] }),
    },
    {
      title: 'Bring it back',
      body: 'Scale CoreDNS back to 2 replicas and look `web` up again. The names return as soon as the CoreDNS pods are Ready and kube-proxy points `10.96.0.10` at them again.',
      hint: '`kubectl -n kube-system scale deployment coredns --replicas=2`',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = serviceByName(sim, 'web')?.spec.clusterIP;
        const scaledBack = (corednsReplicas(sim) ?? 0) > 0;
        const lookedUp = commandsRun(sim).some((c) => /scale .*coredns.*--replicas=[1-9]/.test(c.command)) && !!ip && !!lastLookup(sim)?.includes(`Address: ${ip}`);
        if (scaledBack && lookedUp) return { passed: true, message: 'DNS is back: web resolves to its ClusterIP again.' };
        if (!scaledBack) return { passed: false, message: 'Scale coredns back up (2 replicas).' };
        return { passed: false, message: 'Run `nslookup web` in default/client again.' };
      },
      showMe: () => ({ kind: 'multi', runs: [{ target: 'control-plane', command: 'kubectl -n kube-system scale deployment coredns --replicas=2' }, { target: CLIENT, command: 'nslookup web' }] }),
    },
  ],
};
