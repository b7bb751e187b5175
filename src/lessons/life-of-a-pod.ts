/** Lesson "Life of a pod": apply → scheduler → kubelet → runtime (CRI) → CNI → Running; init containers in order. */
import type { KubeEvent } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { podById, ran } from './helpers';

const APP = 'default/app';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: app
  labels:
    app: app
spec:
  initContainers:
  - name: wait-for-db
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2"]
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo schema migrated"]
  containers:
  - name: cache
    image: redis:7.4
    ports:
    - containerPort: 6379
`;

function appEvents(sim: Simulation): KubeEvent[] {
  // Oldest first: the resourceVersion grows with every write.
  return sim.ctx.api
    .list<KubeEvent>('Event', 'default')
    .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === 'app')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

function nodeOf(sim: Simulation): string {
  return podById(sim, APP)?.spec.nodeName ?? 'node-1';
}

const noPod = { passed: false, message: { en: 'Apply the pod `app` first (step 1).', de: 'Wende zuerst den Pod `app` an (Schritt 1).' } };

export const lifeOfAPod: Lesson = {
  id: 'life-of-a-pod',
  title: 'Life of a pod',
  topic: 'Cluster architecture',
  summary: 'Apply a pod with two init containers and follow it: apiserver and etcd, scheduler, kubelet, runtime, CNI, Running.',
  minutes: 8,
  steps: [
    {
      title: 'Apply a pod',
      body:
        'This pod has two **init containers**. They run one after the other, each to completion, before the app container starts (app containers start together). Put the YAML in the **Editor** tab and press **Apply**.\n\n' +
        '`kubectl apply` sends it to the apiserver, which validates it, runs admission and stores it in etcd with no node: `spec.nodeName` is empty.',
      hint: 'Click "Open in editor", then Apply in the editor.',
      manifest: MANIFEST,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const pod = podById(sim, APP);
        if (!pod) return { passed: false, message: { en: 'No pod named app yet: apply the YAML.', de: 'Noch kein Pod namens app: Wende das YAML an.' } };
        if ((pod.spec.initContainers?.length ?? 0) < 2) return { passed: false, message: { en: 'The pod app has fewer than two init containers: apply the YAML as given.', de: 'Der Pod app hat weniger als zwei Init-Container: Wende das YAML so an, wie es dasteht.' } };
        return { passed: true, message: { en: `pod/app created; it is ${pod.status?.phase ?? 'Pending'} now.`, de: `pod/app angelegt; er ist jetzt ${pod.status?.phase ?? 'Pending'}.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: MANIFEST }),
    },
    {
      title: 'The scheduler picks a node',
      body:
        'kube-scheduler saw a pod without a node, filtered the nodes (the control plane\'s taint rules it out), scored the rest and **bound** the pod: it wrote `spec.nodeName` through the apiserver. On `control-plane`:\n\n`kubectl get pod app -o wide`\n\nThe **Control plane** view above the cluster replays the messages: kubectl → apiserver → etcd → scheduler → kubelet.',
      hint: 'The NODE column is the scheduler\'s decision.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, APP);
        if (!pod) return noPod;
        return ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(pods?|po)\b.*(-o\s*=?\s*wide|--output[= ]wide)/)
          ? { passed: true, message: { en: `Bound to ${pod.spec.nodeName}; the pod got ${pod.status?.podIP ?? 'no IP yet'} from that node's podCIDR.`, de: `An ${pod.spec.nodeName} gebunden; der Pod hat ${pod.status?.podIP ?? 'noch keine IP'} aus dem podCIDR dieses Nodes bekommen.` } }
          : { passed: false, message: { en: 'Run `kubectl get pod app -o wide` on control-plane.', de: 'Führ `kubectl get pod app -o wide` auf control-plane aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get pod app -o wide' }),
    },
    {
      title: 'The story in events',
      body:
        'Every component records what it did as an **Event**. On `control-plane`:\n\n`kubectl describe pod app`\n\nRead the Events table from the top: **Scheduled** (default-scheduler), then from the kubelet **Pulling**/**Pulled**, **Created**, **Started** — for `wait-for-db`, then `migrate`, then `cache`.',
      hint: '`kubectl get events --field-selector involvedObject.name=app` shows the same events.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!podById(sim, APP)) return noPod;
        if (!ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?(describe\s+(pods?|po)\b|get\s+events?\b|events\b)/)) return { passed: false, message: { en: 'Run `kubectl describe pod app` on control-plane.', de: 'Führ `kubectl describe pod app` auf control-plane aus.' } };
        const started = appEvents(sim).filter((e) => e.reason === 'Started').map((e) => e.message.replace('Started container ', ''));
        return { passed: true, message: { en: `Started in this order: ${started.join(' → ')}.`, de: `In dieser Reihenfolge gestartet: ${started.join(' → ')}.` } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl describe pod app' }),
    },
    {
      title: 'Init containers ran first',
      body:
        'In the same output, **Init Containers** shows both as `Terminated`, `Reason: Completed`, `Exit Code: 0`. The kubelet starts an init container only when the one before it exited with 0; had `migrate` failed, the kubelet would restart it with a growing back-off, and `cache` would wait (STATUS `Init:CrashLoopBackOff`).\n\n' +
        'See it from the runtime\'s side: on the pod\'s node, `crictl ps -a` lists the exited init containers next to the running one.',
      hint: 'Find the node in `kubectl get pod app -o wide`, then open a terminal there.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!podById(sim, APP)) return noPod;
        const node = nodeOf(sim);
        if (ran(sim, node, /crictl\s+ps\b/)) return { passed: true, message: { en: `containerd on ${node} ran wait-for-db, then migrate, then cache: the kubelet drove it over CRI.`, de: `containerd auf ${node} hat wait-for-db ausgeführt, dann migrate, dann cache: Das kubelet hat es über CRI gesteuert.` } };
        if (ran(sim, undefined, /crictl\s+ps\b/)) return { passed: false, message: { en: `app runs on ${node}: look there.`, de: `app läuft auf ${node}: Schau dort nach.` } };
        return { passed: false, message: { en: `Run \`crictl ps -a\` on ${node}.`, de: `Führ \`crictl ps -a\` auf ${node} aus.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: nodeOf(sim), command: 'crictl ps -a' }),
    },
    {
      title: 'The CNI plugin gave it an IP',
      body:
        'Before any container started, the runtime created the pod\'s sandbox and network namespace and called the **CNI plugin** (ADD). flannel handed over to the bridge plugin, whose **host-local** IPAM picked a free address and recorded it as a file named after the IP, holding the sandbox\'s ID. On the pod\'s node:\n\n`ls /var/lib/cni/networks/cbr0`\n`cat /var/lib/cni/networks/cbr0/<the pod IP>`\n\nCompare the ID with `crictl pods`.',
      hint: 'The pod IP is in `kubectl get pod app -o wide`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, APP);
        if (!pod) return noPod;
        const node = nodeOf(sim);
        const ip = pod.status?.podIP ?? '?';
        if (ran(sim, node, new RegExp(`cat\\s+/var/lib/cni/networks/cbr0/${ip.replace(/\./g, '\\.')}\\b`))) return { passed: true, message: { en: `host-local reserved ${ip} for this pod's sandbox: that ID is the POD ID crictl shows.`, de: `host-local hat ${ip} für die Sandbox dieses Pods reserviert: Diese ID ist die POD ID, die crictl anzeigt.` } };
        if (ran(sim, undefined, /\/var\/lib\/cni\/networks/)) return { passed: false, message: { en: `Look on ${node} and cat the file named ${ip}.`, de: `Schau auf ${node} nach und gib die Datei namens ${ip} mit cat aus.` } };
        return { passed: false, message: { en: `Run \`cat /var/lib/cni/networks/cbr0/${ip}\` on ${node}.`, de: `Führ \`cat /var/lib/cni/networks/cbr0/${ip}\` auf ${node} aus.` } };
      },
      showMe: ({ sim }) => ({ kind: 'script', target: nodeOf(sim), commands: ['ls /var/lib/cni/networks/cbr0', `cat /var/lib/cni/networks/cbr0/${podById(sim, APP)?.status?.podIP ?? ''}`, 'crictl pods --name app'] }),
    },
    {
      title: 'Running',
      body:
        'The kubelet reports back: phase **Running**, conditions `Initialized`, `ContainersReady` and `Ready` True. Reach the app from the client pod across the pod network. Open a terminal in `default/client` and run:\n\n`ping -c 1 <app\'s IP>`',
      hint: 'Terminal target default/client; the IP is in `kubectl get pod app -o wide`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, APP);
        if (!pod) return noPod;
        const ip = pod.status?.podIP;
        if (pod.status?.phase !== 'Running') return { passed: false, message: { en: `app is ${pod.status?.phase ?? 'Pending'}, not Running yet.`, de: `app ist ${pod.status?.phase ?? 'Pending'}, noch nicht Running.` } };
        const hit = sim.probes.find((p) => (p.target === 'default/client' || p.target === 'client') && p.trace.dst === ip && p.trace.replied);
        return hit ? { passed: true, message: { en: `app answered from ${ip}: scheduled, started, networked — Running.`, de: `app hat von ${ip} geantwortet: geschedult, gestartet, vernetzt — Running.` } } : { passed: false, message: { en: `Reach app (${ip}) from the default/client pod, e.g. \`ping -c 1 ${ip}\`.`, de: `Erreiche app (${ip}) vom Pod default/client aus, z. B. mit \`ping -c 1 ${ip}\`.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'default/client', command: `ping -c 1 ${podById(sim, APP)?.status?.podIP ?? ''}` }),
    },
  ],  de: {
    title: 'Das Leben eines Pods',
    topic: 'Cluster-Architektur',
    summary: 'Wende einen Pod mit zwei Init-Containern an und folge ihm: apiserver und etcd, Scheduler, kubelet, Runtime, CNI, Running.',
    steps: [
      {
        title: 'Einen Pod anwenden',
        body:
          'Dieser Pod hat zwei **Init-Container**. Sie laufen nacheinander, jeder bis zum Ende, bevor der App-Container startet (App-Container starten gemeinsam). Leg das YAML in den Tab **Editor** und drück **Apply**.\n\n' +
          '`kubectl apply` schickt es an den apiserver, der es validiert, die Admission durchläuft und es ohne Node in etcd speichert: `spec.nodeName` ist leer.',
        hint: 'Klick auf "Im Editor öffnen", dann im Editor auf Apply.',
      },
      {
        title: 'Der Scheduler wählt einen Node',
        body:
          'kube-scheduler hat einen Pod ohne Node gesehen, die Nodes gefiltert (der Taint der Control Plane schließt sie aus), die übrigen bewertet und den Pod **gebunden**: Er hat `spec.nodeName` über den apiserver geschrieben. Auf `control-plane`:\n\n`kubectl get pod app -o wide`\n\nDie Ansicht **Control Plane** über dem Cluster spielt die Nachrichten nach: kubectl → apiserver → etcd → Scheduler → kubelet.',
        hint: 'Die Spalte NODE ist die Entscheidung des Schedulers.',
      },
      {
        title: 'Die Geschichte in Events',
        body:
          'Jede Komponente hält als **Event** fest, was sie getan hat. Auf `control-plane`:\n\n`kubectl describe pod app`\n\nLies die Events-Tabelle von oben: **Scheduled** (default-scheduler), dann vom kubelet **Pulling**/**Pulled**, **Created**, **Started** — für `wait-for-db`, dann `migrate`, dann `cache`.',
        hint: '`kubectl get events --field-selector involvedObject.name=app` zeigt dieselben Events.',
      },
      {
        title: 'Die Init-Container liefen zuerst',
        body:
          'In derselben Ausgabe zeigt **Init Containers** beide als `Terminated`, `Reason: Completed`, `Exit Code: 0`. Das kubelet startet einen Init-Container erst, wenn der vorige mit 0 beendet wurde; wäre `migrate` fehlgeschlagen, hätte das kubelet ihn mit wachsendem Back-off neu gestartet, und `cache` hätte gewartet (STATUS `Init:CrashLoopBackOff`).\n\n' +
          'Sieh es dir von der Seite der Runtime an: Auf dem Node des Pods listet `crictl ps -a` die beendeten Init-Container neben dem laufenden.',
        hint: 'Finde den Node in `kubectl get pod app -o wide` und öffne dort ein Terminal.',
      },
      {
        title: 'Das CNI-Plugin hat ihm eine IP gegeben',
        body:
          'Bevor irgendein Container startete, hat die Runtime die Sandbox und den Network Namespace des Pods angelegt und das **CNI-Plugin** aufgerufen (ADD). flannel hat an das bridge-Plugin übergeben, dessen **host-local**-IPAM eine freie Adresse gewählt und als Datei mit der IP als Namen festgehalten hat, darin die ID der Sandbox. Auf dem Node des Pods:\n\n`ls /var/lib/cni/networks/cbr0`\n`cat /var/lib/cni/networks/cbr0/<the pod IP>`\n\nVergleich die ID mit `crictl pods`.',
        hint: 'Die Pod-IP steht in `kubectl get pod app -o wide`.',
      },
      {
        title: 'Running',
        body:
          'Das kubelet meldet zurück: Phase **Running**, die Conditions `Initialized`, `ContainersReady` und `Ready` sind True. Erreiche die App vom client-Pod aus über das Pod-Netzwerk. Öffne ein Terminal in `default/client` und führ aus:\n\n`ping -c 1 <app\'s IP>`',
        hint: 'Terminal-Ziel default/client; die IP steht in `kubectl get pod app -o wide`.',
      },
    ],
  },
};
