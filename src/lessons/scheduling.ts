/** Lesson "Scheduling": requests and limits, a Pending pod and its reason, ResourceQuota, priority and preemption. */
import type { KubeEvent, Pod, ResourceQuota } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { appPods, lastOutput, podById, ran } from './helpers';

const big = (cpu: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 1
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: "${cpu}"
            memory: 256Mi
          limits:
            cpu: "${cpu}"
            memory: 256Mi
`;

const QUOTA = `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: team-a
spec:
  hard:
    pods: "4"
    requests.cpu: "1"
    limits.cpu: "2"
`;

const BATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: batch
spec:
  replicas: 2
  selector:
    matchLabels:
      app: batch
  template:
    metadata:
      labels:
        app: batch
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        command: ["sleep", "infinity"]
        resources:
          requests:
            cpu: "1"
`;

const PREEMPT = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: critical
value: 1000000
description: "Payments: may preempt batch work."
---
apiVersion: v1
kind: Pod
metadata:
  name: payments
spec:
  priorityClassName: critical
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 1500m
`;

function events(sim: Simulation, reason: string): KubeEvent[] {
  return sim.ctx.api.list<KubeEvent>('Event').filter((e) => e.reason === reason);
}

function bigPod(sim: Simulation): Pod | undefined {
  return appPods(sim, 'big')[0];
}

/** A pod's CPU request in millicores (the first container's). */
function cpuMillis(p: Pod | undefined): number {
  const v = p?.spec.containers[0]?.resources?.requests?.cpu;
  if (v === undefined) return 0;
  return v.endsWith('m') ? Number(v.slice(0, -1)) : Number(v) * 1000;
}

export const scheduling: Lesson = {
  id: 'scheduling',
  title: 'Scheduling: requests, quotas, priorities',
  topic: 'Cluster architecture',
  summary: 'Make a pod too big to fit, read why it stays Pending, fix it; then a ResourceQuota refusal and a priority class that preempts.',
  minutes: 12,
  steps: [
    {
      title: 'What a node offers',
      body:
        'The scheduler places pods by their **requests**, not by what they use. On `control-plane`:\n\n`kubectl describe node node-1`\n\nLook at **Allocatable** (cpu 2) and **Allocated resources**: the sum of the requests of the pods already there.',
      hint: 'Terminal target: control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?describe\s+(nodes?|no)\b/)
          ? { passed: true, message: { en: 'Each worker offers 2 CPUs; requests already placed there count against it.', de: 'Jeder Worker bietet 2 CPUs; Requests, die dort schon platziert sind, werden davon abgezogen.' } }
          : { passed: false, message: { en: 'Run `kubectl describe node node-1` on control-plane.', de: 'Führ `kubectl describe node node-1` auf control-plane aus.' } },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl describe node node-1' }),
    },
    {
      title: 'Too big to fit',
      body:
        'This Deployment **requests** 3 CPUs (and limits the container to 3). No worker has that much. Apply it from the editor.\n\n' +
        'A request is what the scheduler reserves; a limit is what the kernel (cgroups) enforces at run time.',
      hint: 'Open in editor, then Apply.',
      manifest: big('3'),
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const p = bigPod(sim);
        if (!p) return { passed: false, message: { en: 'Apply the Deployment big.', de: 'Wende das Deployment big an.' } };
        if (p.spec.nodeName) return { passed: false, message: { en: `big-… went to ${p.spec.nodeName}: its request (${cpuMillis(p)}m) fits. Request 3 CPUs, as in the YAML.`, de: `big-… ist auf ${p.spec.nodeName} gelandet: Sein Request (${cpuMillis(p)}m) passt. Fordere 3 CPUs an, wie im YAML.` } };
        return { passed: true, message: { en: `${p.metadata.name} is Pending: the scheduler found no node for it.`, de: `${p.metadata.name} ist Pending: Der Scheduler hat keinen Node dafür gefunden.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: big('3') }),
    },
    {
      title: 'Read why it is Pending',
      body:
        'The scheduler says why in a **FailedScheduling** event. On `control-plane`:\n\n`kubectl describe pod -l app=big`\n\nThe message counts the nodes per reason: the control plane has a taint the pod does not tolerate, the two workers have `Insufficient cpu`. Preemption would not help either: nothing of lower priority is in the way.',
      hint: '`kubectl get events` shows the same message.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const p = bigPod(sim);
        if (!p || p.spec.nodeName) return { passed: false, message: { en: 'There is no Pending big pod: apply the 3-CPU Deployment (step 2).', de: 'Es gibt keinen Pending-Pod big: Wende das Deployment mit 3 CPUs an (Schritt 2).' } };
        if (!ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?(describe\s+(pods?|po)\b|get\s+events?\b|events\b)/)) return { passed: false, message: { en: 'Run `kubectl describe pod -l app=big` on control-plane.', de: 'Führ `kubectl describe pod -l app=big` auf control-plane aus.' } };
        const msg = events(sim, 'FailedScheduling').filter((e) => e.involvedObject.name === p.metadata.name).at(-1)?.message ?? '';
        return { passed: true, message: msg || { en: 'FailedScheduling: no node has 3 CPUs free.', de: 'FailedScheduling: Kein Node hat 3 CPUs frei.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl describe pod -l app=big' }),
    },
    {
      title: 'Fix it: ask for less',
      body:
        'Lower the request and limit to `500m` (half a CPU) and apply again. The Deployment rolls out a new ReplicaSet; its pod fits and runs, and the Pending one is removed.',
      hint: 'Edit both cpu values in the editor to "500m", then Apply.',
      manifest: big('500m'),
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const pods = appPods(sim, 'big');
        const running = pods.find((p) => p.spec.nodeName && p.status?.phase === 'Running');
        if (running) return { passed: true, message: { en: `${running.metadata.name} requests ${cpuMillis(running)}m and runs on ${running.spec.nodeName}.`, de: `${running.metadata.name} fordert ${cpuMillis(running)}m an und läuft auf ${running.spec.nodeName}.` } };
        const p = pods[0];
        if (p && cpuMillis(p) > 2000) return { passed: false, message: { en: `big still requests ${cpuMillis(p)}m: no worker has more than 2000m. Lower it and apply.`, de: `big fordert immer noch ${cpuMillis(p)}m an: Kein Worker hat mehr als 2000m. Senk den Wert und wende es an.` } };
        return { passed: false, message: { en: 'Apply big with cpu: "500m".', de: 'Wende big mit cpu: "500m" an.' } };
      },
      showMe: () => ({ kind: 'apply', manifest: big('500m') }),
    },
    {
      title: 'A quota per namespace',
      body:
        'A **ResourceQuota** caps what one namespace may request in total. Create the namespace `team-a` with a quota of 1 CPU of requests, 2 of limits and 4 pods.\n\n' +
        'Once a quota covers cpu, the apiserver refuses any pod in that namespace that does not declare those requests and limits.',
      hint: 'Open in editor, Apply.',
      manifest: QUOTA,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const q = sim.ctx.api.get<ResourceQuota>('ResourceQuota', 'team-a', 'compute');
        return q ? { passed: true, message: { en: `resourcequota/compute in team-a: ${Object.entries(q.spec.hard ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}.`, de: `resourcequota/compute in team-a: ${Object.entries(q.spec.hard ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}.` } } : { passed: false, message: { en: 'Apply the Namespace team-a and its ResourceQuota compute.', de: 'Wende den Namespace team-a und seine ResourceQuota compute an.' } };
      },
      showMe: () => ({ kind: 'apply', manifest: QUOTA }),
    },
    {
      title: 'Refused at the door',
      body:
        'Now start a pod in `team-a` without any resources:\n\n`kubectl run nolimits --image=nginx:1.27 -n team-a`\n\nThe **ResourceQuota admission plugin** refuses it before it ever reaches etcd or the scheduler: no Pending pod, an error.',
      hint: 'Terminal target: control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const out = lastOutput(sim, /kubectl\s/, 'control-plane');
        if (out && /failed quota|exceeded quota/.test(out)) return { passed: true, message: out.replace(/^Error from server \(Forbidden\): /, '') };
        if (podById(sim, 'team-a/nolimits')) return { passed: false, message: { en: 'nolimits was created: is the quota in team-a? Apply step 5 first.', de: 'nolimits wurde angelegt: Gibt es die Quota in team-a? Wende zuerst Schritt 5 an.' } };
        return { passed: false, message: { en: 'Run `kubectl run nolimits --image=nginx:1.27 -n team-a` on control-plane (the check reads the last command\'s answer).', de: 'Führ `kubectl run nolimits --image=nginx:1.27 -n team-a` auf control-plane aus (die Prüfung liest die Antwort des letzten Befehls).' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl run nolimits --image=nginx:1.27 -n team-a' }),
    },
    {
      title: 'Fill the workers',
      body:
        'Two `batch` pods of 1 CPU each: with big\'s half CPU and the system pods, the workers are nearly full. Apply, then `kubectl describe node node-2 | grep -A8 Allocated` or just `kubectl get pods -o wide`.',
      hint: 'Open in editor, Apply.',
      manifest: BATCH,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const running = appPods(sim, 'batch').filter((p) => p.status?.phase === 'Running');
        return running.length >= 2 ? { passed: true, message: { en: `batch runs on ${running.map((p) => p.spec.nodeName).join(' and ')}, priority 0.`, de: `batch läuft auf ${running.map((p) => p.spec.nodeName).join(' und ')}, Priorität 0.` } } : { passed: false, message: { en: 'Apply the batch Deployment (2 replicas of 1 CPU).', de: 'Wende das Deployment batch an (2 Replicas mit je 1 CPU).' } };
      },
      showMe: () => ({ kind: 'apply', manifest: BATCH }),
    },
    {
      title: 'Priority and preemption',
      body:
        'Create a **PriorityClass** and a `payments` pod that uses it and requests 1.5 CPUs. No node has that much free, but `payments` outranks the batch pods (priority 0): the scheduler **preempts** — it evicts just enough lower-priority pods on one node and nominates that node for `payments`.\n\n' +
        'Apply, then `kubectl get events | grep Preempted` and `kubectl get pods -o wide`. The evicted batch pod\'s replacement stays Pending: its room was promised to payments.',
      hint: 'Open in editor, Apply.',
      manifest: PREEMPT,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const pay = podById(sim, 'payments');
        if (!pay) return { passed: false, message: { en: 'Apply the PriorityClass critical and the pod payments.', de: 'Wende die PriorityClass critical und den Pod payments an.' } };
        if (!pay.spec.priority) return { passed: false, message: { en: 'payments has priority 0: give it priorityClassName: critical.', de: 'payments hat Priorität 0: Gib ihm priorityClassName: critical.' } };
        if (!pay.spec.nodeName) return { passed: false, message: { en: 'payments is still Pending: does it outrank the pods in its way?', de: 'payments ist immer noch Pending: Hat er Vorrang vor den Pods, die im Weg sind?' } };
        const victims = events(sim, 'Preempted').map((e) => e.involvedObject.name);
        if (victims.length === 0) return { passed: false, message: { en: `payments fit on ${pay.spec.nodeName} without preempting anything: fill the workers with the batch pods first.`, de: `payments passte ohne Preemption auf ${pay.spec.nodeName}: Füll die Worker zuerst mit den batch-Pods.` } };
        return { passed: true, message: { en: `payments (priority ${pay.spec.priority}) runs on ${pay.spec.nodeName}; preempted: ${victims.join(', ')}.`, de: `payments (Priorität ${pay.spec.priority}) läuft auf ${pay.spec.nodeName}; verdrängt: ${victims.join(', ')}.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: PREEMPT }),
    },
  ],  de: {
    title: 'Scheduling: Requests, Quotas, Prioritäten',
    topic: 'Cluster-Architektur',
    summary: 'Mach einen Pod zu groß, um zu passen, lies, warum er Pending bleibt, und behebe es; danach eine Ablehnung durch eine ResourceQuota und eine PriorityClass, die verdrängt.',
    steps: [
      {
        title: 'Was ein Node bietet',
        body:
          'Der Scheduler platziert Pods nach ihren **Requests**, nicht nach dem, was sie verbrauchen. Auf `control-plane`:\n\n`kubectl describe node node-1`\n\nSchau dir **Allocatable** (cpu 2) und **Allocated resources** an: die Summe der Requests der Pods, die schon dort sind.',
        hint: 'Terminal-Ziel: control-plane.',
      },
      {
        title: 'Zu groß, um zu passen',
        body:
          'Dieses Deployment fordert 3 CPUs an (**Request**) und begrenzt den Container auf 3. So viel hat kein Worker. Wende es aus dem Editor an.\n\n' +
          'Ein Request ist das, was der Scheduler reserviert; ein Limit ist das, was der Kernel (cgroups) zur Laufzeit durchsetzt.',
        hint: 'Im Editor öffnen, dann Apply.',
      },
      {
        title: 'Lies, warum er Pending ist',
        body:
          'Der Scheduler sagt in einem Event **FailedScheduling**, warum. Auf `control-plane`:\n\n`kubectl describe pod -l app=big`\n\nDie Meldung zählt die Nodes pro Grund: Die Control Plane hat einen Taint, den der Pod nicht toleriert, die beiden Worker haben `Insufficient cpu`. Auch Preemption würde nicht helfen: Nichts mit niedrigerer Priorität steht im Weg.',
        hint: '`kubectl get events` zeigt dieselbe Meldung.',
      },
      {
        title: 'Beheb es: Fordere weniger an',
        body:
          'Senk Request und Limit auf `500m` (eine halbe CPU) und wende es erneut an. Das Deployment rollt ein neues ReplicaSet aus; dessen Pod passt und läuft, und der Pending-Pod wird entfernt.',
        hint: 'Ändere im Editor beide cpu-Werte auf "500m", dann Apply.',
      },
      {
        title: 'Eine Quota pro Namespace',
        body:
          'Eine **ResourceQuota** begrenzt, was ein Namespace insgesamt anfordern darf. Leg den Namespace `team-a` mit einer Quota von 1 CPU an Requests, 2 an Limits und 4 Pods an.\n\n' +
          'Sobald eine Quota cpu abdeckt, lehnt der apiserver jeden Pod in diesem Namespace ab, der diese Requests und Limits nicht angibt.',
        hint: 'Im Editor öffnen, Apply.',
      },
      {
        title: 'An der Tür abgewiesen',
        body:
          'Starte jetzt einen Pod in `team-a` ganz ohne Ressourcen:\n\n`kubectl run nolimits --image=nginx:1.27 -n team-a`\n\nDas **Admission-Plugin ResourceQuota** lehnt ihn ab, bevor er etcd oder den Scheduler erreicht: kein Pending-Pod, sondern ein Fehler.',
        hint: 'Terminal-Ziel: control-plane.',
      },
      {
        title: 'Füll die Worker',
        body:
          'Zwei `batch`-Pods mit je 1 CPU: Zusammen mit der halben CPU von big und den System-Pods sind die Worker fast voll. Wende es an, dann `kubectl describe node node-2 | grep -A8 Allocated` oder einfach `kubectl get pods -o wide`.',
        hint: 'Im Editor öffnen, Apply.',
      },
      {
        title: 'Priorität und Preemption',
        body:
          'Leg eine **PriorityClass** an und einen Pod `payments`, der sie nutzt und 1,5 CPUs anfordert. Kein Node hat so viel frei, aber `payments` hat Vorrang vor den batch-Pods (Priorität 0): Der Scheduler **verdrängt** (Preemption) — er entfernt auf einem Node gerade so viele Pods mit niedrigerer Priorität wie nötig und nominiert diesen Node für `payments`.\n\n' +
          'Wende es an, dann `kubectl get events | grep Preempted` und `kubectl get pods -o wide`. Der Ersatz für den verdrängten batch-Pod bleibt Pending: Sein Platz wurde payments versprochen.',
        hint: 'Im Editor öffnen, Apply.',
      },
    ],
  },
};
