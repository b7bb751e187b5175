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
          : { passed: false, message: { en: 'Run `cat /etc/resolv.conf` in default/client.', de: 'Führ `cat /etc/resolv.conf` in default/client aus.' } },
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
          ? { passed: true, message: { en: `web got ClusterIP ${serviceByName(sim, 'web')!.spec.clusterIP}; web-headless has none.`, de: `web hat die ClusterIP ${serviceByName(sim, 'web')!.spec.clusterIP} bekommen; web-headless hat keine.` } }
          : { passed: false, message: { en: 'Apply the two Services web and web-headless.', de: 'Wende die beiden Services web und web-headless an.' } },
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
        if (!out) return { passed: false, message: { en: 'Run `nslookup web` in default/client.', de: 'Führ `nslookup web` in default/client aus.' } };
        if (ip && out.includes(`Address: ${ip}`)) return { passed: true, message: { en: `web.default.svc.cluster.local → ${ip}.`, de: `web.default.svc.cluster.local → ${ip}.` } };
        return { passed: false, message: { en: 'That lookup did not return web\'s address. Try `nslookup web`.', de: 'Dieser Lookup hat nicht die Adresse von web geliefert. Versuch `nslookup web`.' } };
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
          ? { passed: true, message: { en: `Same address: ${serviceByName(sim, 'web')?.spec.clusterIP}. DNS hands out the Service's virtual IP, not a pod.`, de: `Dieselbe Adresse: ${serviceByName(sim, 'web')?.spec.clusterIP}. DNS gibt die virtuelle IP des Service heraus, keinen Pod.` } }
          : { passed: false, message: { en: 'Run `kubectl get svc web` on control-plane.', de: 'Führ `kubectl get svc web` auf control-plane aus.' } },
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
        if (out && ips.length > 0 && ips.every((ip) => out.includes(`Address: ${ip}`))) return { passed: true, message: { en: `The pod IPs: ${ips.join(', ')}.`, de: `Die Pod-IPs: ${ips.join(', ')}.` } };
        return { passed: false, message: { en: 'Run `nslookup web-headless` in default/client.', de: 'Führ `nslookup web-headless` in default/client aus.' } };
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
        if (out && /WEB_SERVICE_HOST=/.test(out)) return { passed: true, message: { en: 'The new pod has WEB_SERVICE_HOST and friends; client does not, until it is recreated.', de: 'Der neue Pod hat WEB_SERVICE_HOST und Co.; client nicht, bis er neu erstellt wird.' } };
        return { passed: false, message: { en: 'Create the pod `late` and run `env | grep WEB` in it.', de: 'Leg den Pod `late` an und führ darin `env | grep WEB` aus.' } };
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
        if (corednsReplicas(sim) !== 0) return { passed: false, message: { en: 'Scale the coredns Deployment in kube-system to 0 replicas.', de: 'Skalier das Deployment coredns in kube-system auf 0 Replicas.' } };
        const out = lastLookup(sim);
        if (out?.includes('no servers could be reached')) return { passed: true, message: { en: 'Timed out: nothing answers on 10.96.0.10:53 any more.', de: 'Timeout: Auf 10.96.0.10:53 antwortet niemand mehr.' } };
        return { passed: false, message: { en: 'Now run `nslookup web` in default/client.', de: 'Führ jetzt `nslookup web` in default/client aus.' } };
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
        if (scaledBack && lookedUp) return { passed: true, message: { en: 'DNS is back: web resolves to its ClusterIP again.', de: 'DNS ist zurück: web wird wieder zu seiner ClusterIP aufgelöst.' } };
        if (!scaledBack) return { passed: false, message: { en: 'Scale coredns back up (2 replicas).', de: 'Skalier coredns wieder hoch (2 Replicas).' } };
        return { passed: false, message: { en: 'Run `nslookup web` in default/client again.', de: 'Führ `nslookup web` noch einmal in default/client aus.' } };
      },
      showMe: () => ({ kind: 'multi', runs: [{ target: 'control-plane', command: 'kubectl -n kube-system scale deployment coredns --replicas=2' }, { target: CLIENT, command: 'nslookup web' }] }),
    },
  ],  de: {
    title: 'Service Discovery: DNS und Umgebungsvariablen',
    summary: 'Lies die resolv.conf eines Pods, löse Services über CoreDNS auf (auch headless), finde die Umgebungsvariablen und sieh zu, wie Lookups ohne CoreDNS scheitern.',
    steps: [
      {
        title: 'Wer beantwortet die Fragen eines Pods?',
        body:
          'Das kubelet schreibt `/etc/resolv.conf` in jeden Pod (dnsPolicy `ClusterFirst`). Führ im Terminal von `default/client` aus:\n\n`cat /etc/resolv.conf`\n\n' +
          'Der **nameserver** ist `10.96.0.10` — die ClusterIP des Service `kube-dns` in kube-system, die 10. Adresse des Service-Bereichs, die kubeadm reserviert. ' +
          'Die **search**-Liste und `ndots:5` entscheiden, welche Namen für einen Kurznamen wie `web` probiert werden.',
        hint: 'Öffne ein Terminal auf dem Pod default/client (busybox).',
      },
      {
        title: 'Gib den web-Pods einen Namen',
        body:
          'Wende zwei Services für die `web`-Pods an: einen normalen (`web`, bekommt eine ClusterIP) und einen **headless** (`web-headless`, `clusterIP: None`). ' +
          'CoreDNS beobachtet Services und EndpointSlices über den API-Server; sobald es sie gibt, antwortet es für sie.',
        hint: 'Nimm den Manifest-Editor oder den Button "Zeig’s mir".',
      },
      {
        title: 'Frag CoreDNS',
        body:
          'Führ in `default/client` `nslookup web` aus. busybox schickt den Namen unter **jeder Search-Domain**, für A und AAAA: Nur `web.default.svc.cluster.local` existiert, die anderen sind NXDOMAIN. ' +
          'Jede Anfrage ist ein echtes UDP-Paket: Öffne den Paket-Trace des Lookups und sieh zu, wie kube-proxy `10.96.0.10:53` per DNAT auf einen der **CoreDNS-Pods** umschreibt und conntrack das auf dem Rückweg rückgängig macht.',
        hint: 'Kurznamen funktionieren wegen der Search-Liste. NXDOMAIN, obwohl web existiert? Wenn du vor dem Anlegen gefragt hast, kann CoreDNS mit `cache 30` diese Antwort bis zu 30 s behalten: `sleep 30` und noch einmal fragen.',
      },
      {
        title: 'Es ist die ClusterIP',
        body:
          'Vergleich mit dem Service: Führ auf `control-plane` `kubectl get svc web` aus. Die Adresse, die DNS dir gegeben hat, ist die **ClusterIP** — eine virtuelle Adresse, die nur als Regeln von kube-proxy existiert. ' +
          'Eine Verbindung dorthin (`wget -qO- web`) wird wieder per DNAT umgeschrieben, diesmal auf einen der nginx-Pods.',
        hint: 'Vergleich die Spalte CLUSTER-IP.',
      },
      {
        title: 'Headless: die Pods selbst',
        body:
          'Jetzt `nslookup web-headless`. Ein headless Service hat keine ClusterIP und keine Regeln von kube-proxy: CoreDNS antwortet mit den **bereiten Pod-IPs** aus seinem EndpointSlice, je ein A-Record. ' +
          'Die Clients wählen selbst einen aus — so geben StatefulSets jedem Pod einen festen Namen.',
        hint: 'Vergleich die Adressen mit `kubectl get pods -o wide -l app=web`.',
      },
      {
        title: 'Der ältere Weg: Umgebungsvariablen',
        body:
          'Vor DNS hat das kubelet Variablen injiziert: `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT`, `<NAME>_PORT_80_TCP...` für jeden Service des Namespace, **der beim Start des Containers schon existierte**. ' +
          'Führ `env | grep SERVICE` in `client` aus: nur `KUBERNETES_*` — web kam später. Starte einen neuen Pod und schau noch einmal:\n\n`kubectl run late --image=busybox:1.36 --command -- sleep infinity`\n\ndann `env | grep WEB` in `default/late`.',
        hint: 'Headless Services bekommen keine Variablen (sie haben keine ClusterIP). `enableServiceLinks: false` schaltet sie ab.',
      },
      {
        title: 'Kein CoreDNS, keine Namen',
        body:
          'Skalier CoreDNS weg: `kubectl -n kube-system scale deployment coredns --replicas=0` auf control-plane, dann `nslookup web` in client. ' +
          'kube-dns hat keine Endpoints, kube-proxy lehnt die Anfrage ab, und der Lookup endet mit `;; connection timed out; no servers could be reached`. ' +
          'Adressen funktionieren weiterhin (`wget -qO- <ClusterIP>`): Nur die Namen sind weg.',
        hint: 'Sieh in der Cluster-Ansicht zu, wie die coredns-Pods beendet werden.',
      },
      {
        title: 'Hol es zurück',
        body: 'Skalier CoreDNS wieder auf 2 Replicas und schlag `web` noch einmal nach. Die Namen sind zurück, sobald die CoreDNS-Pods Ready sind und kube-proxy `10.96.0.10` wieder auf sie zeigen lässt.',
        hint: '`kubectl -n kube-system scale deployment coredns --replicas=2`',
      },
    ],
  },
};
