/** Lesson "Services and kube-proxy": a ClusterIP, its DNAT rule by rule, no ping, the probability ladder, no endpoints. */
import type { Deployment } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { commandsRun, ran, ranAfter, serviceByName } from './helpers';

const CLIENT = 'default/client';
const SCALE = /kubectl\s+scale\b.*(deployment|deploy|deployments)[/\s]+web\b/;
const RULES = /iptables-save|iptables\s.*-t\s*nat.*\s-(L|S)|iptables\s.*-(L|S).*-t\s*nat/;

function clusterIp(sim: Simulation, name: string): string | undefined {
  return serviceByName(sim, name)?.spec.clusterIP;
}

/** The last trace, if it went from the client to `ip`. */
function traceTo(sim: Simulation, ip: string | undefined) {
  const t = sim.lastTrace;
  return ip && t && t.dst === ip ? t : undefined;
}

function ranOnWorker(sim: Simulation, re: RegExp): boolean {
  return commandsRun(sim).some((c) => /^node-\d+$/.test(c.target) && re.test(c.command));
}

export const servicesKubeProxy: Lesson = {
  id: 'services-kube-proxy',
  title: 'Services and kube-proxy',
  topic: 'Services',
  summary: 'A ClusterIP Service, the DNAT that makes it work, why it does not answer ping, how kube-proxy spreads load, and a Service with no endpoints.',
  minutes: 10,
  steps: [
    {
      title: 'A stable address for web',
      body:
        'Pods come and go with new IPs; a **Service** gives them one stable virtual IP, the **ClusterIP**. On `control-plane`:\n\n`kubectl expose deployment web --port=80`\n`kubectl get svc web`\n`kubectl get endpointslices -l kubernetes.io/service-name=web`\n\nThe EndpointSlice lists the ready pods the Service selects (app=web).',
      hint: 'expose copies the Deployment\'s selector into the Service.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = serviceByName(sim, 'web');
        if (!svc) return { passed: false, message: { en: 'Create the Service: `kubectl expose deployment web --port=80`.', de: 'Leg den Service an: `kubectl expose deployment web --port=80`.' } };
        if (svc.spec.selector?.app !== 'web') return { passed: false, message: { en: 'Service web does not select app=web: delete it and use `kubectl expose deployment web --port=80`.', de: 'Der Service web selektiert nicht app=web: Lösch ihn und nimm `kubectl expose deployment web --port=80`.' } };
        return { passed: true, message: { en: `service/web: ClusterIP ${svc.spec.clusterIP}, port ${svc.spec.ports?.[0]?.port}, from the service CIDR 10.96.0.0/12.`, de: `service/web: ClusterIP ${svc.spec.clusterIP}, Port ${svc.spec.ports?.[0]?.port}, aus dem Service-CIDR 10.96.0.0/12.` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl expose deployment web --port=80', 'kubectl get svc web', 'kubectl get endpointslices -l kubernetes.io/service-name=web'] }),
    },
    {
      title: 'Trace to the ClusterIP',
      body:
        'No interface anywhere has the ClusterIP. In the **Trace** panel, send a **TCP** SYN to port **80** from `default/client` to web\'s ClusterIP. Step to **nat/PREROUTING** on the client\'s node: a KUBE-SEP rule **DNATs** the destination to one web pod\'s IP:80, and conntrack remembers it so the reply is rewritten back.',
      hint: 'Trace panel: source default/client, destination the ClusterIP from `kubectl get svc web`, protocol TCP, port 80.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const ip = clusterIp(sim, 'web');
        if (!ip) return { passed: false, message: { en: 'Create the Service web first (step 1).', de: 'Leg zuerst den Service web an (Schritt 1).' } };
        const t = traceTo(sim, ip);
        if (!t) return { passed: false, message: { en: `Trace from default/client to ${ip} (TCP port 80).`, de: `Trace von default/client zu ${ip} (TCP-Port 80).` } };
        if (t.proto === 'icmp') return { passed: false, message: { en: 'That was a ping: kube-proxy only rewrites the Service\'s ports. Choose TCP, port 80.', de: 'Das war ein Ping: kube-proxy schreibt nur die Ports des Service um. Wähl TCP, Port 80.' } };
        const dnat = t.steps.find((s) => s.stage.startsWith('nat/') && /DNAT/.test(s.summary));
        return dnat ? { passed: true, message: dnat.summary } : { passed: false, message: { en: `No DNAT on the way: is the port ${t.port} the Service's port (80)?`, de: `Kein DNAT auf dem Weg: Ist Port ${t.port} der Port des Service (80)?` } };
      },
      showMe: ({ sim }) => ({ kind: 'trace', from: CLIENT, to: clusterIp(sim, 'web') ?? '10.96.0.1', proto: 'tcp', port: 80, stage: 'nat/PREROUTING' }),
    },
    {
      title: 'Why you cannot ping it',
      body:
        'Open a terminal in `default/client` and ping the ClusterIP:\n\n`ping -c 1 <ClusterIP>`\n\nNo answer. The rules match only `-p tcp --dport 80`; an ICMP echo matches nothing, and no machine owns the address. (In IPVS mode kube-proxy puts every ClusterIP on a dummy interface, kube-ipvs0, so the node owns the address. Older releases answered a ping there; since Kubernetes 1.27 the KUBE-IPVS-FILTER chain rejects anything that is not a Service port, with icmp-port-unreachable.)',
      hint: 'Terminal target default/client.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = clusterIp(sim, 'web');
        const p = sim.pings.filter((x) => x.trace.dst === ip).at(-1);
        if (!p) return { passed: false, message: { en: `Ping ${ip ?? 'the ClusterIP'} from default/client.`, de: `Ping ${ip ?? 'die ClusterIP'} von default/client aus an.` } };
        return p.trace.replied ? { passed: false, message: { en: 'That ping got an answer — is kube-proxy in another mode?', de: 'Dieser Ping hat eine Antwort bekommen — läuft kube-proxy in einem anderen Modus?' } } : { passed: true, message: { en: 'No reply: a ClusterIP is a rule for TCP/UDP ports, not a host.', de: 'Keine Antwort: Eine ClusterIP ist eine Regel für TCP/UDP-Ports, kein Host.' } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: CLIENT, command: `ping -c 1 ${clusterIp(sim, 'web') ?? '10.96.0.1'}` }),
    },
    {
      title: 'The rules, and the probability ladder',
      body:
        'On `node-1`:\n\n`iptables-save -t nat | grep web`\n\nKUBE-SERVICES jumps to **KUBE-SVC-…** for the ClusterIP:80. That chain picks an endpoint at random: the first KUBE-SEP with probability 1/3, else the second with 1/2, else the third — each pod gets a third. Each KUBE-SEP DNATs to one pod.',
      hint: 'Every node has the same rules: kube-proxy runs everywhere.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ranOnWorker(sim, RULES)
          ? { passed: true, message: { en: '--probability 0.33333333349, then 0.50000000000, then the rest: an even spread over three pods.', de: '--probability 0.33333333349, dann 0.50000000000, dann der Rest: gleichmäßig über drei Pods verteilt.' } }
          : ran(sim, undefined, RULES)
            ? { passed: false, message: { en: 'Look on a worker (node-1): that is where the client\'s packets are rewritten.', de: 'Schau auf einem Worker (node-1) nach: Dort werden die Pakete des Clients umgeschrieben.' } }
            : { passed: false, message: { en: 'Run `iptables-save -t nat | grep web` on node-1.', de: 'Führ `iptables-save -t nat | grep web` auf node-1 aus.' } },
      showMe: () => ({ kind: 'exec', target: 'node-1', command: 'iptables-save -t nat | grep web' }),
    },
    {
      title: 'Scale and watch the rules change',
      body:
        'kube-proxy watches EndpointSlices. Scale web to 4 replicas and look again:\n\n`kubectl scale deployment web --replicas=4` (on control-plane)\n`iptables-save -t nat | grep "default/web ->"` (on node-1)\n\nNow four jumps to KUBE-SEP chains: 1/4, 1/3, 1/2, the rest.',
      hint: 'Two terminals: control-plane for kubectl, node-1 for iptables.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const replicas = sim.ctx.api.get<Deployment>('Deployment', 'default', 'web')?.spec.replicas ?? 3;
        if (replicas === 3) return { passed: false, message: { en: 'web still has 3 replicas: `kubectl scale deployment web --replicas=4` on control-plane.', de: 'web hat noch 3 Replicas: `kubectl scale deployment web --replicas=4` auf control-plane.' } };
        if (!commandsRun(sim).some((c) => SCALE.test(c.command)) || !ranAfter(sim, undefined, SCALE, RULES)) return { passed: false, message: { en: `web has ${replicas} replicas now; look at the rules again on node-1.`, de: `web hat jetzt ${replicas} Replicas; schau dir die Regeln auf node-1 noch einmal an.` } };
        return { passed: true, message: { en: `${replicas} endpoints: the first jump has probability 1/${replicas}, the next 1/${replicas - 1}, … rewritten the moment the EndpointSlice changed.`, de: `${replicas} Endpoints: Der erste Sprung hat die Wahrscheinlichkeit 1/${replicas}, der nächste 1/${replicas - 1}, … neu geschrieben in dem Moment, in dem sich der EndpointSlice geändert hat.` } };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: 'control-plane', command: 'kubectl scale deployment web --replicas=4' },
          { target: 'node-1', command: 'iptables-save -t nat | grep "default/web ->"' },
        ],
      }),
    },
    {
      title: 'A Service that selects nothing',
      body:
        'A Service whose selector matches no pod has no endpoints. On `control-plane`:\n\n`kubectl create service clusterip ghost --tcp=80:80`\n`kubectl get endpointslices -l kubernetes.io/service-name=ghost`\n\n`create service` selects app=ghost, and no pod has that label: the slice stays empty.',
      hint: '`kubectl describe svc ghost` shows an empty Endpoints line too.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = serviceByName(sim, 'ghost');
        if (!svc) return { passed: false, message: { en: 'Create the Service: `kubectl create service clusterip ghost --tcp=80:80`.', de: 'Leg den Service an: `kubectl create service clusterip ghost --tcp=80:80`.' } };
        const selected = sim.pods().filter((p) => p.metadata.namespace === 'default' && Object.entries(svc.spec.selector ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v));
        return selected.length === 0 ? { passed: true, message: { en: `ghost (${svc.spec.clusterIP}) selects ${Object.entries(svc.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}: no pod matches, no endpoints.`, de: `ghost (${svc.spec.clusterIP}) selektiert ${Object.entries(svc.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}: Kein Pod passt, keine Endpoints.` } } : { passed: false, message: { en: `ghost selects ${selected.length} pod(s): it should select none.`, de: `ghost selektiert ${selected.length} Pod(s): Es sollten keine sein.` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl create service clusterip ghost --tcp=80:80', 'kubectl get endpointslices -l kubernetes.io/service-name=ghost'] }),
    },
    {
      title: 'The trace says so',
      body:
        'Trace **TCP 80** from `default/client` to ghost\'s ClusterIP. There is no DNAT: kube-proxy installed a **REJECT** rule in the *filter* table (comment "has no endpoints"), so the client gets an ICMP port unreachable — *Connection refused* at once instead of a hang. `iptables-save | grep ghost` on a node shows it (not in `-t nat`).',
      hint: 'Trace panel: source default/client, destination ghost\'s ClusterIP (kubectl get svc ghost), TCP, port 80.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const ip = clusterIp(sim, 'ghost');
        if (!ip) return { passed: false, message: { en: 'Create the Service ghost first.', de: 'Leg zuerst den Service ghost an.' } };
        const t = traceTo(sim, ip);
        if (!t) return { passed: false, message: { en: `Trace TCP port 80 from default/client to ghost (${ip}).`, de: `Trace TCP-Port 80 von default/client zu ghost (${ip}).` } };
        const reject = t.steps.find((s) => /has no endpoints/.test(s.decidedBy ?? ''));
        return reject ? { passed: true, message: `${reject.summary}: ${reject.decidedBy}` } : { passed: false, message: t.proto === 'icmp' ? { en: 'Trace TCP port 80, not ICMP.', de: 'Trace TCP-Port 80, nicht ICMP.' } : { en: 'That trace hit no REJECT rule: trace TCP port 80 to ghost.', de: 'Dieser Trace ist auf keine REJECT-Regel getroffen: Trace TCP-Port 80 zu ghost.' } };
      },
      showMe: ({ sim }) => ({ kind: 'trace', from: CLIENT, to: clusterIp(sim, 'ghost') ?? '10.96.0.1', proto: 'tcp', port: 80, stage: 'filter/FORWARD' }),
    },
  ],  de: {
    title: 'Services und kube-proxy',
    summary: 'Ein ClusterIP-Service, das DNAT, das ihn möglich macht, warum er nicht auf Ping antwortet, wie kube-proxy die Last verteilt, und ein Service ohne Endpoints.',
    steps: [
      {
        title: 'Eine feste Adresse für web',
        body:
          'Pods kommen und gehen mit neuen IPs; ein **Service** gibt ihnen eine feste virtuelle IP, die **ClusterIP**. Auf `control-plane`:\n\n`kubectl expose deployment web --port=80`\n`kubectl get svc web`\n`kubectl get endpointslices -l kubernetes.io/service-name=web`\n\nDer EndpointSlice listet die bereiten Pods, die der Service selektiert (app=web).',
        hint: 'expose übernimmt den Selector des Deployments in den Service.',
      },
      {
        title: 'Trace zur ClusterIP',
        body:
          'Kein Interface hat irgendwo die ClusterIP. Schick im Panel **Trace** ein **TCP**-SYN an Port **80** von `default/client` an die ClusterIP von web. Geh zu **nat/PREROUTING** auf dem Node des Clients: Eine KUBE-SEP-Regel macht **DNAT** des Ziels auf die IP:80 eines web-Pods, und conntrack merkt es sich, damit die Antwort zurückübersetzt wird.',
        hint: 'Trace-Panel: Quelle default/client, Ziel die ClusterIP aus `kubectl get svc web`, Protokoll TCP, Port 80.',
      },
      {
        title: 'Warum du sie nicht pingen kannst',
        body:
          'Öffne ein Terminal in `default/client` und ping die ClusterIP:\n\n`ping -c 1 <ClusterIP>`\n\nKeine Antwort. Die Regeln greifen nur bei `-p tcp --dport 80`; ein ICMP-Echo trifft keine, und keine Maschine besitzt die Adresse. (Im IPVS-Modus legt kube-proxy jede ClusterIP auf ein Dummy-Interface, kube-ipvs0, sodass der Node die Adresse besitzt. Ältere Releases haben dort auf Ping geantwortet; seit Kubernetes 1.27 verwirft die Chain KUBE-IPVS-FILTER alles, was kein Service-Port ist, mit icmp-port-unreachable.)',
        hint: 'Terminal-Ziel default/client.',
      },
      {
        title: 'Die Regeln und die Wahrscheinlichkeitsleiter',
        body:
          'Auf `node-1`:\n\n`iptables-save -t nat | grep web`\n\nKUBE-SERVICES springt für die ClusterIP:80 nach **KUBE-SVC-…**. Diese Chain wählt zufällig einen Endpoint: die erste KUBE-SEP mit Wahrscheinlichkeit 1/3, sonst die zweite mit 1/2, sonst die dritte — jeder Pod bekommt ein Drittel. Jede KUBE-SEP macht DNAT auf einen Pod.',
        hint: 'Jeder Node hat dieselben Regeln: kube-proxy läuft überall.',
      },
      {
        title: 'Skalieren und zusehen, wie sich die Regeln ändern',
        body:
          'kube-proxy beobachtet EndpointSlices. Skalier web auf 4 Replicas und schau noch einmal:\n\n`kubectl scale deployment web --replicas=4` (auf control-plane)\n`iptables-save -t nat | grep "default/web ->"` (auf node-1)\n\nJetzt sind es vier Sprünge in KUBE-SEP-Chains: 1/4, 1/3, 1/2, der Rest.',
        hint: 'Zwei Terminals: control-plane für kubectl, node-1 für iptables.',
      },
      {
        title: 'Ein Service, der nichts selektiert',
        body:
          'Ein Service, dessen Selector auf keinen Pod passt, hat keine Endpoints. Auf `control-plane`:\n\n`kubectl create service clusterip ghost --tcp=80:80`\n`kubectl get endpointslices -l kubernetes.io/service-name=ghost`\n\n`create service` selektiert app=ghost, und kein Pod hat dieses Label: Der Slice bleibt leer.',
        hint: '`kubectl describe svc ghost` zeigt ebenfalls eine leere Endpoints-Zeile.',
      },
      {
        title: 'Der Trace sagt es auch',
        body:
          'Trace **TCP 80** von `default/client` zur ClusterIP von ghost. Es gibt kein DNAT: kube-proxy hat eine **REJECT**-Regel in der *filter*-Tabelle angelegt (Kommentar "has no endpoints"), also bekommt der Client ein ICMP port unreachable — sofort *Connection refused* statt eines Hängers. `iptables-save | grep ghost` auf einem Node zeigt sie (nicht in `-t nat`).',
        hint: 'Trace-Panel: Quelle default/client, Ziel die ClusterIP von ghost (kubectl get svc ghost), TCP, Port 80.',
      },
    ],
  },
};
