/** Lesson "NetworkPolicy with Calico": a request works, deny-all makes it time out in felix's chains, an allow rule for app=client opens it again. */
import type { NetworkPolicy } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { podById, podOnOtherNode, ran } from './helpers';

const CLIENT = 'default/client';

export const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: default
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

export const ALLOW_CLIENT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: client
    ports:
    - protocol: TCP
      port: 80
`;

/** The web pod on another node than the client: its IP is the target throughout. */
function webIp(sim: Simulation): string | undefined {
  return podOnOtherNode(sim, CLIENT, 'web')?.status?.podIP;
}

function policy(sim: Simulation, name: string): NetworkPolicy | undefined {
  return sim.ctx.api.get<NetworkPolicy>('NetworkPolicy', 'default', name);
}

/** The client's HTTP requests (wget, curl) to the web pod, newest last. */
function requests(sim: Simulation) {
  const ip = webIp(sim);
  return sim.probes.filter((p) => p.target === CLIENT && (p.tool === 'curl' || p.tool === 'wget') && p.trace.dst === ip);
}

const curlCmd = (sim: Simulation): string => `wget -qO- -T 2 http://${webIp(sim) ?? '10.244.0.1'}/`;

export const networkPolicy: Lesson = {
  id: 'network-policy',
  preset: 'calico',
  title: 'NetworkPolicy with Calico',
  topic: 'Pod networking',
  summary: 'Apply a deny-all NetworkPolicy and watch felix drop the connection in its iptables chains, then allow exactly the pods labelled app=client.',
  minutes: 10,
  steps: [
    {
      title: 'Everything talks to everything',
      body:
        'This cluster runs **Calico**. By default Kubernetes lets every pod reach every other pod. Open a terminal in `default/client` and fetch the page of the web pod on the other node (the client is busybox, so `wget` rather than curl):\n\n`wget -qO- -T 2 http://<web pod IP>/`\n\n(`kubectl get pods -o wide` on control-plane lists the IPs.) nginx answers.',
      hint: 'Choose the web pod whose NODE differs from client\'s.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const last = requests(sim).at(-1);
        if (!last) return { passed: false, message: { en: `From default/client: ${curlCmd(sim)}`, de: `Von default/client aus: ${curlCmd(sim)}` } };
        return last.trace.replied && !last.trace.refused ? { passed: true, message: { en: 'nginx answered: no policy, no isolation.', de: 'nginx hat geantwortet: keine Policy, keine Isolation.' } } : { passed: false, message: { en: 'That did not get an answer — is a policy already in place?', de: 'Das hat keine Antwort bekommen — ist schon eine Policy aktiv?' } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: CLIENT, command: curlCmd(sim) }),
    },
    {
      title: 'Deny all ingress',
      body:
        'A NetworkPolicy **isolates** the pods its `podSelector` selects. `podSelector: {}` selects every pod of the namespace; with **no ingress rules**, nothing may come in. Apply it from the editor (or `kubectl apply -f` the YAML):',
      hint: 'The YAML is below the step: one click puts it in the editor.',
      manifest: DENY_ALL,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const np = policy(sim, 'deny-all');
        if (!np) return { passed: false, message: { en: 'Apply the deny-all policy.', de: 'Wende die Policy deny-all an.' } };
        if (Object.keys(np.spec.podSelector.matchLabels ?? {}).length > 0 || (np.spec.ingress ?? []).length > 0) return { passed: false, message: { en: 'deny-all should select every pod (podSelector: {}) and have no ingress rules.', de: 'deny-all sollte jeden Pod selektieren (podSelector: {}) und keine Ingress-Regeln haben.' } };
        return { passed: true, message: { en: `networkpolicy/deny-all: policyTypes ${np.spec.policyTypes?.join(', ')}. felix on every node rewrote its chains.`, de: `networkpolicy/deny-all: policyTypes ${np.spec.policyTypes?.join(', ')}. felix hat auf jedem Node seine Chains neu geschrieben.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: DENY_ALL }),
    },
    {
      title: 'The request times out',
      body: 'Run the same wget again from `default/client`. It hangs until it gives up (`wget: download timed out`): the SYN is dropped silently, no RST comes back.',
      hint: `Same command as in step 1.`,
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!policy(sim, 'deny-all')) return { passed: false, message: { en: 'Apply deny-all first.', de: 'Wende zuerst deny-all an.' } };
        const last = requests(sim).at(-1);
        if (!last || last.trace.replied) return { passed: false, message: { en: `Fetch from the web pod again: ${curlCmd(sim)}`, de: `Ruf den web-Pod noch einmal ab: ${curlCmd(sim)}` } };
        return { passed: true, message: { en: `Timed out. Dropped: ${last.trace.reason}`, de: `Timeout. Verworfen: ${last.trace.reason}` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: CLIENT, command: curlCmd(sim) }),
    },
    {
      title: 'Where the packet died',
      body:
        'Trace a **TCP** SYN to port **80** from `default/client` to the web pod. Step to the last hop: on the web pod\'s node, in **filter/FORWARD**, `cali-FORWARD` sent it to `cali-to-wl-dispatch`, which jumped to **cali-tw-cali…** (to-workload, the pod\'s interface). That chain ran the policy chain **cali-pi-_…** — empty for deny-all — and then hit **"Drop if no policies passed packet"**.',
      hint: 'Trace panel: source default/client, destination the web pod IP, TCP, port 80.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        if (!t || t.dst !== webIp(sim)) return { passed: false, message: { en: 'Trace from default/client to the web pod (TCP 80).', de: 'Trace von default/client zum web-Pod (TCP 80).' } };
        if (t.outcome !== 'dropped') return { passed: false, message: { en: 'That trace was delivered: is deny-all still there?', de: 'Dieser Trace wurde zugestellt: Gibt es deny-all noch?' } };
        return /cali-tw-/.test(t.reason ?? '') ? { passed: true, message: t.notes?.[0] ?? t.reason! } : { passed: false, message: { en: `Dropped elsewhere: ${t.reason}`, de: `Woanders verworfen: ${t.reason}` } };
      },
      showMe: ({ sim }) => ({ kind: 'trace', from: CLIENT, to: webIp(sim) ?? '10.244.0.1', proto: 'tcp', port: 80, stage: 'filter/FORWARD' }),
    },
    {
      title: "Felix's chains",
      body:
        'On the web pod\'s node, read what felix programmed:\n\n`iptables-save -t filter | grep cali`\n\nFind `-A cali-FORWARD -o cali+ … -j cali-to-wl-dispatch`, the `-g cali-tw-<interface>` per pod, and in each cali-tw chain the jump to the policy chain and the DROP with its comment. `ip route` shows the same interface names: one /32 route per pod.',
      hint: '`kubectl get pods -o wide` tells which node the web pod is on.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const node = podById(sim, podOnOtherNode(sim, CLIENT, 'web')?.metadata.name ?? '')?.spec.nodeName;
        if (ran(sim, node, /iptables-save.*\|\s*grep\s+(-\w+\s+)*["']?cali/)) return { passed: true, message: 'cali-FORWARD → cali-to-wl-dispatch → cali-tw-cali… → cali-pi-_… → "Drop if no policies passed packet".' };
        if (ran(sim, undefined, /iptables-save.*cali/)) return { passed: false, message: { en: `Look on the web pod's node (${node ?? 'see kubectl get pods -o wide'}): the ingress chain of a pod lives where the pod runs.`, de: `Schau auf dem Node des web-Pods nach (${node ?? 'siehe kubectl get pods -o wide'}): Die Ingress-Chain eines Pods liegt dort, wo der Pod läuft.` } };
        return { passed: false, message: { en: `On ${node ?? 'the web pod\'s node'}: iptables-save -t filter | grep cali`, de: `Auf ${node ?? 'dem Node des web-Pods'}: iptables-save -t filter | grep cali` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: podOnOtherNode(sim, CLIENT, 'web')?.spec.nodeName ?? 'node-1', command: 'iptables-save -t filter | grep cali' }),
    },
    {
      title: 'Allow the client',
      body:
        'Policies add up: a pod is allowed what **any** policy selecting it allows. Allow TCP 80 into the web pods from pods labelled `app=client` of this namespace. Felix puts the IPs of the matching pods into an **ipset** (`cali40s:…`, see `ipset list` on the node) and matches it with `-m set --match-set … src`.',
      hint: 'The YAML is below the step.',
      manifest: ALLOW_CLIENT,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const np = policy(sim, 'allow-client');
        if (!np) return { passed: false, message: { en: 'Apply the allow-client policy.', de: 'Wende die Policy allow-client an.' } };
        const from = np.spec.ingress?.[0]?.from?.[0]?.podSelector?.matchLabels?.app;
        return from === 'client' ? { passed: true, message: { en: 'networkpolicy/allow-client: from app=client, TCP 80.', de: 'networkpolicy/allow-client: von app=client, TCP 80.' } } : { passed: false, message: { en: 'The ingress rule should allow from podSelector app=client.', de: 'Die Ingress-Regel sollte von podSelector app=client erlauben.' } };
      },
      showMe: () => ({ kind: 'apply', manifest: ALLOW_CLIENT }),
    },
    {
      title: 'It works again — for the client only',
      body: 'Fetch once more from `default/client`: nginx answers. A pod without the label `app=client` would still time out, and so would any port other than 80.',
      hint: 'Same wget as before.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!policy(sim, 'allow-client')) return { passed: false, message: { en: 'Apply allow-client first.', de: 'Wende zuerst allow-client an.' } };
        const last = requests(sim).at(-1);
        if (!last?.trace.replied) return { passed: false, message: { en: `Fetch from the web pod again: ${curlCmd(sim)}`, de: `Ruf den web-Pod noch einmal ab: ${curlCmd(sim)}` } };
        return { passed: true, message: { en: 'nginx answered: the SYN matched the cali40s ipset of app=client pods, the policy chain set the accept mark, and the reply passed by conntrack.', de: 'nginx hat geantwortet: Das SYN passte auf das ipset cali40s der Pods mit app=client, die Policy-Chain hat die Accept-Mark gesetzt, und die Antwort kam über conntrack durch.' } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: CLIENT, command: curlCmd(sim) }),
    },
  ],  de: {
    title: 'NetworkPolicy mit Calico',
    topic: 'Pod-Netzwerk',
    summary: 'Wende eine NetworkPolicy deny-all an, sieh zu, wie felix die Verbindung in seinen iptables-Chains verwirft, und erlaube dann genau den Pods mit dem Label app=client den Zugriff.',
    steps: [
      {
        title: 'Jeder spricht mit jedem',
        body:
          'In diesem Cluster läuft **Calico**. Standardmäßig lässt Kubernetes jeden Pod jeden anderen Pod erreichen. Öffne ein Terminal in `default/client` und hol die Seite des web-Pods auf dem anderen Node (der Client ist busybox, also `wget` statt curl):\n\n`wget -qO- -T 2 http://<web pod IP>/`\n\n(`kubectl get pods -o wide` auf control-plane listet die IPs.) nginx antwortet.',
        hint: 'Nimm den web-Pod, dessen NODE nicht der von client ist.',
      },
      {
        title: 'Allen Ingress verbieten',
        body:
          'Eine NetworkPolicy **isoliert** die Pods, die ihr `podSelector` selektiert. `podSelector: {}` selektiert jeden Pod des Namespace; ohne **Ingress-Regeln** darf nichts herein. Wende sie aus dem Editor an (oder das YAML mit `kubectl apply -f`):',
        hint: 'Das YAML steht unter dem Schritt: Ein Klick legt es in den Editor.',
      },
      {
        title: 'Der Request läuft in einen Timeout',
        body: 'Führ dasselbe wget noch einmal in `default/client` aus. Es hängt, bis es aufgibt (`wget: download timed out`): Das SYN wird stillschweigend verworfen, kein RST kommt zurück.',
        hint: 'Derselbe Befehl wie in Schritt 1.',
      },
      {
        title: 'Wo das Paket gestorben ist',
        body:
          'Trace ein **TCP**-SYN an Port **80** von `default/client` zum web-Pod. Geh zum letzten Hop: Auf dem Node des web-Pods hat `cali-FORWARD` es in **filter/FORWARD** an `cali-to-wl-dispatch` geschickt, und das ist nach **cali-tw-cali…** gesprungen (to-workload, das Interface des Pods). Diese Chain hat die Policy-Chain **cali-pi-_…** ausgeführt — leer bei deny-all — und ist dann auf **"Drop if no policies passed packet"** getroffen.',
        hint: 'Trace-Panel: Quelle default/client, Ziel die IP des web-Pods, TCP, Port 80.',
      },
      {
        title: 'Die Chains von felix',
        body:
          'Lies auf dem Node des web-Pods, was felix eingerichtet hat:\n\n`iptables-save -t filter | grep cali`\n\nFinde `-A cali-FORWARD -o cali+ … -j cali-to-wl-dispatch`, das `-g cali-tw-<interface>` pro Pod und in jeder cali-tw-Chain den Sprung in die Policy-Chain und das DROP mit seinem Kommentar. `ip route` zeigt dieselben Interface-Namen: eine /32-Route pro Pod.',
        hint: '`kubectl get pods -o wide` sagt dir, auf welchem Node der web-Pod liegt.',
      },
      {
        title: 'Den Client erlauben',
        body:
          'Policies addieren sich: Ein Pod darf, was **irgendeine** Policy, die ihn selektiert, erlaubt. Erlaube TCP 80 in die web-Pods von Pods dieses Namespace mit dem Label `app=client`. Felix legt die IPs der passenden Pods in ein **ipset** (`cali40s:…`, siehe `ipset list` auf dem Node) und prüft es mit `-m set --match-set … src`.',
        hint: 'Das YAML steht unter dem Schritt.',
      },
      {
        title: 'Es geht wieder — nur für den Client',
        body: 'Ruf noch einmal von `default/client` ab: nginx antwortet. Ein Pod ohne das Label `app=client` liefe weiter in den Timeout, ebenso jeder andere Port als 80.',
        hint: 'Dasselbe wget wie vorher.',
      },
    ],
  },
};
