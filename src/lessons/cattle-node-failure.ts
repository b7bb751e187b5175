/** Lesson "Cattle: a node dies": lease, NotReady, the NoExecute taint, eviction after 300 s, rescheduling, recovery. */
import type { Node, Secret } from '../engine/api/types';
import { decodeBase64 } from '../engine/apiserver/base64';
import { APISERVER_PORT, caCertHash, controlPlaneHost } from '../engine/apiserver/bootstrap';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { appPods, nodeReady, ran } from './helpers';

const NODE = 'node-2';

function kubeletRunning(sim: Simulation): boolean {
  return sim.ctx.kubelets?.get(NODE)?.running() ?? true;
}

/** A bootstrap token that has not expired, as kubeadm join wants it (abcdef.0123456789abcdef). */
function bootstrapToken(sim: Simulation): string | undefined {
  const now = sim.ctx.clock.now;
  const s = sim.ctx.api
    .list<Secret>('Secret', 'kube-system')
    .filter((x) => x.type === 'bootstrap.kubernetes.io/token')
    .map((x) => ({ id: decodeBase64(x.data?.['token-id'] ?? ''), secret: decodeBase64(x.data?.['token-secret'] ?? ''), exp: decodeBase64(x.data?.expiration ?? '') }))
    .filter((t) => t.id && t.secret && (!t.exp || Date.parse(t.exp) > now))
    .at(-1);
  return s ? `${s.id}.${s.secret}` : undefined;
}

function joinCommand(sim: Simulation): string {
  return `kubeadm join ${controlPlaneHost(sim.ctx).ip}:${APISERVER_PORT} --token ${bootstrapToken(sim) ?? 'abcdef.0123456789abcdef'} --discovery-token-ca-cert-hash sha256:${caCertHash(sim.ctx)}`;
}

function taints(sim: Simulation): string[] {
  const n = sim.ctx.api.get<Node>('Node', undefined, NODE);
  return (n?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}

export const cattleNodeFailure: Lesson = {
  id: 'cattle-node-failure',
  title: 'Cattle: a node dies',
  topic: 'Operations',
  summary: 'Stop the kubelet on node-2 and watch the cluster react — NotReady, a NoExecute taint, eviction after five minutes, pods rescheduled on node-1 — then bring it back, and replace it with kubeadm.',
  minutes: 14,
  steps: [
    {
      title: 'Where web runs',
      body:
        'Machines are **cattle**, not pets: when one dies, its pods are recreated elsewhere. Before breaking anything, on `control-plane`:\n\n`kubectl get pods -l app=web -o wide`\n\nNote which web pods run on **node-2**.',
      hint: 'The NODE column.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(pods?|po)\b.*(-o\s*=?\s*wide|--output[= ]wide)/)) return { passed: false, message: { en: 'Run `kubectl get pods -l app=web -o wide` on control-plane.', de: 'Führ `kubectl get pods -l app=web -o wide` auf control-plane aus.' } };
        const there = appPods(sim, 'web').filter((p) => p.spec.nodeName === NODE).map((p) => p.metadata.name);
        return { passed: true, message: there.length ? { en: `On node-2: ${there.join(', ')}.`, de: `Auf node-2: ${there.join(', ')}.` } : { en: 'No web pod on node-2 right now: the lesson still shows the node going NotReady.', de: 'Gerade kein web-Pod auf node-2: Die Lektion zeigt trotzdem, wie der Node NotReady wird.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get pods -l app=web -o wide' }),
    },
    {
      title: 'Kill the kubelet',
      body:
        'Without its kubelet a node cannot report anything: it stops renewing its **Lease** in `kube-node-lease` (every 10 s) and stops updating its status. The containers keep running — nobody is watching them. On `node-2`:\n\n`systemctl stop kubelet`',
      hint: 'Terminal target node-2.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!kubeletRunning(sim)) return { passed: true, message: { en: 'kubelet.service on node-2 is inactive (dead). The apiserver does not know yet.', de: 'kubelet.service auf node-2 ist inactive (dead). Der apiserver weiß es noch nicht.' } };
        if (ran(sim, undefined, /systemctl\s+stop\s+kubelet/)) return { passed: false, message: { en: 'Stop the kubelet on node-2, not elsewhere.', de: 'Stopp das kubelet auf node-2, nicht woanders.' } };
        return { passed: false, message: { en: 'Run `systemctl stop kubelet` on node-2.', de: 'Führ `systemctl stop kubelet` auf node-2 aus.' } };
      },
      showMe: () => ({ kind: 'script', target: NODE, commands: ['systemctl stop kubelet', 'systemctl is-active kubelet'] }),
    },
    {
      title: 'NotReady',
      body:
        'The node lifecycle controller in kube-controller-manager checks the leases. After `--node-monitor-grace-period` without a renewal it sets the node\'s conditions to **Unknown**. Let a minute pass, then look (on `control-plane`):\n\n`sleep 60`\n`kubectl get nodes`',
      hint: 'sleep lets simulated time pass.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (kubeletRunning(sim)) return { passed: false, message: { en: 'The kubelet on node-2 runs: stop it first (step 2).', de: 'Das kubelet auf node-2 läuft: Stopp es zuerst (Schritt 2).' } };
        const ready = nodeReady(sim, NODE);
        if (ready === 'True') return { passed: false, message: { en: 'node-2 is still Ready: the controller waits for the grace period. `sleep 60`, then `kubectl get nodes`.', de: 'node-2 ist noch Ready: Der Controller wartet die Grace Period ab. `sleep 60`, dann `kubectl get nodes`.' } };
        return { passed: true, message: { en: `node-2 is NotReady (Ready=${ready}, "Kubelet stopped posting node status").`, de: `node-2 ist NotReady (Ready=${ready}, "Kubelet stopped posting node status").` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['sleep 60', 'kubectl get nodes'] }),
    },
    {
      title: 'The taints',
      body:
        'With the condition Unknown, the controller **taints** the node `node.kubernetes.io/unreachable`: `NoSchedule` keeps new pods away, `NoExecute` evicts running ones — but every pod got a default toleration for it with `tolerationSeconds: 300`. On `control-plane`:\n\n`kubectl describe node node-2 | grep -A2 Taints`',
      hint: '`kubectl describe pod <web pod>` lists the tolerations under Tolerations.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const t = taints(sim);
        if (!t.some((x) => x.endsWith(':NoExecute'))) return { passed: false, message: { en: 'node-2 has no NoExecute taint yet: let the grace period pass (step 3).', de: 'node-2 hat noch keinen NoExecute-Taint: Lass die Grace Period verstreichen (Schritt 3).' } };
        return ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?(describe\s+(nodes?|no)\b|get\s+(nodes?|no)\b.*(-o\s*=?\s*(yaml|json|jsonpath)|taints))/)
          ? { passed: true, message: { en: `Taints on node-2: ${t.join(', ')}.`, de: `Taints auf node-2: ${t.join(', ')}.` } }
          : { passed: false, message: { en: 'Run `kubectl describe node node-2 | grep -A2 Taints` on control-plane.', de: 'Führ `kubectl describe node node-2 | grep -A2 Taints` auf control-plane aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl describe node node-2 | grep -A2 Taints' }),
    },
    {
      title: 'Eviction and rescheduling',
      body:
        'After the 300 s toleration runs out, the taint-eviction controller deletes node-2\'s pods. The **ReplicaSet** behind the Deployment sees too few pods and creates new ones; the scheduler puts them on node-1 (node-2 is tainted). A bare pod would simply be gone. On `control-plane`:\n\n`sleep 300`\n`kubectl get pods -l app=web -o wide`\n\nThe old pods stay **Terminating**: only node-2\'s kubelet could confirm they stopped.',
      hint: 'Events: `kubectl get events | grep -e TaintManagerEviction -e SuccessfulCreate`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const web = sim.pods().filter((p) => p.metadata.namespace === 'default' && p.metadata.labels?.app === 'web');
        const leaving = web.filter((p) => p.spec.nodeName === NODE && p.metadata.deletionTimestamp);
        const live = web.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
        const stuck = web.filter((p) => p.spec.nodeName === NODE && !p.metadata.deletionTimestamp);
        if (nodeReady(sim, NODE) === 'True') return { passed: false, message: { en: 'node-2 is Ready: stop its kubelet and wait (steps 2–3).', de: 'node-2 ist Ready: Stopp sein kubelet und warte (Schritte 2–3).' } };
        if (stuck.length > 0) return { passed: false, message: { en: `${stuck.length} web pod(s) still bound to node-2: the toleration lasts 300 s. \`sleep 300\`.`, de: `${stuck.length} web-Pod(s) noch an node-2 gebunden: Die Toleration gilt 300 s. \`sleep 300\`.` } };
        if (!ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(pods?|po)\b/) || live.length < 3) return { passed: false, message: { en: 'Run `kubectl get pods -l app=web -o wide` after the wait.', de: 'Führ nach dem Warten `kubectl get pods -l app=web -o wide` aus.' } };
        return { passed: true, message: { en: `${live.length} web pods Running on ${[...new Set(live.map((p) => p.spec.nodeName))].join(', ')}; ${leaving.length} Terminating on node-2.`, de: `${live.length} web-Pods Running auf ${[...new Set(live.map((p) => p.spec.nodeName))].join(', ')}; ${leaving.length} Terminating auf node-2.` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['sleep 300', 'kubectl get pods -l app=web -o wide'] }),
    },
    {
      title: 'Bring it back',
      body:
        'For a short outage that is all: start the kubelet again on `node-2` with `systemctl start kubelet`. It renews its lease, the node turns **Ready**, the taints go, and the kubelet finishes the Terminating pods. The new web pods stay on node-1: Kubernetes does not move running pods back. Check with `kubectl get nodes` on control-plane.',
      hint: 'Terminal target node-2, then control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, NODE, /systemctl\s+stop\s+kubelet/)) return { passed: false, message: { en: 'Stop the kubelet first (step 2).', de: 'Stopp zuerst das kubelet (Schritt 2).' } };
        if (!kubeletRunning(sim)) return { passed: false, message: { en: 'Run `systemctl start kubelet` on node-2.', de: 'Führ `systemctl start kubelet` auf node-2 aus.' } };
        if (nodeReady(sim, NODE) !== 'True') return { passed: false, message: { en: 'The kubelet runs; give it a few seconds (`sleep 10`) to report Ready.', de: 'Das kubelet läuft; gib ihm ein paar Sekunden (`sleep 10`), um Ready zu melden.' } };
        return { passed: true, message: { en: `node-2 is Ready again; taints: ${taints(sim).join(', ') || 'none'}.`, de: `node-2 ist wieder Ready; Taints: ${taints(sim).join(', ') || 'keine'}.` } };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: NODE, command: 'systemctl start kubelet' },
          { target: 'control-plane', command: 'sleep 10' },
          { target: 'control-plane', command: 'kubectl get nodes' },
        ],
      }),
    },
    {
      title: 'Remove a node for good',
      body:
        'A broken machine is replaced instead. Empty it, delete its Node object, then wipe what kubeadm set up on it. On `control-plane`:\n\n`kubectl drain node-2 --ignore-daemonsets`\n`kubectl delete node node-2`\n\nOn `node-2`: `kubeadm reset -f`.',
      hint: 'drain cordons the node and evicts its pods (DaemonSet pods stay); kubeadm reset leaves the CNI configuration and iptables rules, as its output says.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const node = sim.ctx.api.get<Node>('Node', undefined, NODE);
        const reset = ran(sim, NODE, /kubeadm\s+reset\b/);
        if (!node && reset) return { passed: true, message: { en: 'node-2 is gone from the API and its kubelet configuration is wiped: a blank machine.', de: 'node-2 ist aus der API verschwunden und seine kubelet-Konfiguration gelöscht: eine leere Maschine.' } };
        if (node) return { passed: false, message: { en: 'Run `kubectl delete node node-2` on control-plane (after draining it).', de: 'Führ `kubectl delete node node-2` auf control-plane aus (nachdem du ihn gedraint hast).' } };
        return { passed: false, message: { en: 'Now `kubeadm reset -f` on node-2.', de: 'Jetzt `kubeadm reset -f` auf node-2.' } };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: 'control-plane', command: 'kubectl drain node-2 --ignore-daemonsets' },
          { target: 'control-plane', command: 'kubectl delete node node-2' },
          { target: NODE, command: 'kubeadm reset -f' },
        ],
      }),
    },
    {
      title: 'A join token',
      body:
        'A new node proves it may join with a **bootstrap token** (a Secret in kube-system, valid 24 h) and checks the control plane by the hash of its CA certificate. On `control-plane`:\n\n`kubeadm token create --print-join-command`',
      hint: 'Copy the printed command; you run it on the new node.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, 'control-plane', /kubeadm\s+token\s+create/)) return { passed: false, message: { en: 'Run `kubeadm token create --print-join-command` on control-plane.', de: 'Führ `kubeadm token create --print-join-command` auf control-plane aus.' } };
        return bootstrapToken(sim) ? { passed: true, message: { en: `token ${bootstrapToken(sim)!.split('.')[0]}.…: run the printed kubeadm join on node-2.`, de: `Token ${bootstrapToken(sim)!.split('.')[0]}.…: Führ das ausgegebene kubeadm join auf node-2 aus.` } } : { passed: false, message: { en: 'No valid bootstrap token: create one.', de: 'Kein gültiges Bootstrap-Token: Leg eins an.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubeadm token create --print-join-command' }),
    },
    {
      title: 'Join it again',
      body:
        'Paste the join command on `node-2`. kubeadm writes the kubelet\'s configuration and starts it; the kubelet does the TLS bootstrap and registers the Node. Then on `control-plane`: `kubectl get nodes` and `kubectl get pods -A -o wide` — the DaemonSets start their pods on node-2 right away; web stays on node-1 until pods are created again.',
      hint: 'kubeadm join 192.168.56.10:6443 --token … --discovery-token-ca-cert-hash sha256:…',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const node = sim.ctx.api.get<Node>('Node', undefined, NODE);
        if (!node) return { passed: false, message: ran(sim, NODE, /kubeadm\s+join/) ? { en: 'The join did not register node-2: check its output (token, hash).', de: 'Das Join hat node-2 nicht registriert: Prüf seine Ausgabe (Token, Hash).' } : { en: 'Run the kubeadm join command on node-2.', de: 'Führ den Befehl kubeadm join auf node-2 aus.' } };
        if (nodeReady(sim, NODE) !== 'True') return { passed: false, message: { en: 'node-2 registered; give it a few seconds to be Ready (`sleep 10`).', de: 'node-2 ist registriert; gib ihm ein paar Sekunden, um Ready zu werden (`sleep 10`).' } };
        const fresh = Date.parse(node.metadata.creationTimestamp ?? '') > Date.parse(sim.nodes().find((n) => n.metadata.name === 'node-1')?.metadata.creationTimestamp ?? '');
        return fresh ? { passed: true, message: { en: `node-2 is back as a new Node (taints: ${taints(sim).join(', ') || 'none'}): cattle, replaced.`, de: `node-2 ist als neuer Node zurück (Taints: ${taints(sim).join(', ') || 'keine'}): Cattle, ersetzt.` } } : { passed: false, message: { en: 'This is still the old node-2: remove it first (step 7).', de: 'Das ist noch der alte node-2: Entfern ihn zuerst (Schritt 7).' } };
      },
      showMe: ({ sim }) => ({
        kind: 'multi',
        runs: [
          { target: NODE, command: joinCommand(sim) },
          { target: 'control-plane', command: 'sleep 10' },
          { target: 'control-plane', command: 'kubectl get nodes' },
        ],
      }),
    },
  ],  de: {
    title: 'Cattle: Ein Node stirbt',
    topic: 'Betrieb',
    summary: 'Stopp das kubelet auf node-2 und sieh zu, wie der Cluster reagiert — NotReady, ein NoExecute-Taint, Eviction nach fünf Minuten, Pods neu geschedult auf node-1 — dann hol ihn zurück und ersetz ihn mit kubeadm.',
    steps: [
      {
        title: 'Wo web läuft',
        body:
          'Maschinen sind **Cattle**, keine Pets: Wenn eine stirbt, werden ihre Pods woanders neu erstellt. Bevor du etwas kaputt machst, auf `control-plane`:\n\n`kubectl get pods -l app=web -o wide`\n\nMerk dir, welche web-Pods auf **node-2** laufen.',
        hint: 'Die Spalte NODE.',
      },
      {
        title: 'Das kubelet abschießen',
        body:
          'Ohne sein kubelet kann ein Node nichts melden: Er erneuert seine **Lease** in `kube-node-lease` nicht mehr (alle 10 s) und aktualisiert seinen Status nicht mehr. Die Container laufen weiter — nur schaut keiner mehr nach ihnen. Auf `node-2`:\n\n`systemctl stop kubelet`',
        hint: 'Terminal-Ziel node-2.',
      },
      {
        title: 'NotReady',
        body:
          'Der Node-Lifecycle-Controller im kube-controller-manager prüft die Leases. Nach `--node-monitor-grace-period` ohne Erneuerung setzt er die Conditions des Nodes auf **Unknown**. Lass eine Minute vergehen und schau dann nach (auf `control-plane`):\n\n`sleep 60`\n`kubectl get nodes`',
        hint: 'sleep lässt simulierte Zeit vergehen.',
      },
      {
        title: 'Die Taints',
        body:
          'Ist die Condition Unknown, versieht der Controller den Node mit dem **Taint** `node.kubernetes.io/unreachable`: `NoSchedule` hält neue Pods fern, `NoExecute` vertreibt laufende — aber jeder Pod hat dafür eine Default-Toleration mit `tolerationSeconds: 300` bekommen. Auf `control-plane`:\n\n`kubectl describe node node-2 | grep -A2 Taints`',
        hint: '`kubectl describe pod <web pod>` zeigt die Tolerations des Pods unter Tolerations.',
      },
      {
        title: 'Eviction und Neu-Scheduling',
        body:
          'Wenn die Toleration von 300 s abgelaufen ist, löscht der Taint-Eviction-Controller die Pods von node-2. Das **ReplicaSet** hinter dem Deployment sieht zu wenige Pods und legt neue an; der Scheduler setzt sie auf node-1 (node-2 hat den Taint). Ein nackter Pod wäre einfach weg. Auf `control-plane`:\n\n`sleep 300`\n`kubectl get pods -l app=web -o wide`\n\nDie alten Pods bleiben **Terminating**: Nur das kubelet von node-2 könnte bestätigen, dass sie gestoppt sind.',
        hint: 'Events: `kubectl get events | grep -e TaintManagerEviction -e SuccessfulCreate`.',
      },
      {
        title: 'Hol ihn zurück',
        body:
          'Für einen kurzen Ausfall war es das schon: Starte das kubelet auf `node-2` wieder mit `systemctl start kubelet`. Es erneuert seine Lease, der Node wird **Ready**, die Taints verschwinden, und das kubelet räumt die Terminating-Pods ab. Die neuen web-Pods bleiben auf node-1: Kubernetes verschiebt laufende Pods nicht zurück. Prüf es mit `kubectl get nodes` auf control-plane.',
        hint: 'Terminal-Ziel node-2, dann control-plane.',
      },
      {
        title: 'Einen Node endgültig entfernen',
        body:
          'Eine kaputte Maschine wird stattdessen ersetzt. Leer sie, lösch ihr Node-Objekt und wisch dann weg, was kubeadm auf ihr eingerichtet hat. Auf `control-plane`:\n\n`kubectl drain node-2 --ignore-daemonsets`\n`kubectl delete node node-2`\n\nAuf `node-2`: `kubeadm reset -f`.',
        hint: 'drain cordont den Node und evictet seine Pods (DaemonSet-Pods bleiben); kubeadm reset lässt die CNI-Konfiguration und die iptables-Regeln liegen, wie seine Ausgabe sagt.',
      },
      {
        title: 'Ein Join-Token',
        body:
          'Ein neuer Node weist mit einem **Bootstrap-Token** nach, dass er beitreten darf (ein Secret in kube-system, 24 h gültig), und prüft die Control Plane anhand des Hashs ihres CA-Zertifikats. Auf `control-plane`:\n\n`kubeadm token create --print-join-command`',
        hint: 'Kopier den ausgegebenen Befehl; du führst ihn auf dem neuen Node aus.',
      },
      {
        title: 'Wieder joinen',
        body:
          'Füg den Join-Befehl auf `node-2` ein. kubeadm schreibt die Konfiguration des kubelet und startet es; das kubelet macht den TLS-Bootstrap und registriert den Node. Dann auf `control-plane`: `kubectl get nodes` und `kubectl get pods -A -o wide` — die DaemonSets starten ihre Pods sofort auf node-2; web bleibt auf node-1, bis Pods neu erstellt werden.',
        hint: 'kubeadm join 192.168.56.10:6443 --token … --discovery-token-ca-cert-hash sha256:…',
      },
    ],
  },
};
