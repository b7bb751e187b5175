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
          ? { passed: true, message: 'Each worker offers 2 CPUs; requests already placed there count against it.' }
          : { passed: false, message: 'Run `kubectl describe node node-1` on control-plane.' },
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
        if (!p) return { passed: false, message: 'Apply the Deployment big.' };
        if (p.spec.nodeName) return { passed: false, message: `big-… went to ${p.spec.nodeName}: its request (${cpuMillis(p)}m) fits. Request 3 CPUs, as in the YAML.` };
        return { passed: true, message: `${p.metadata.name} is Pending: the scheduler found no node for it.` };
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
        if (!p || p.spec.nodeName) return { passed: false, message: 'There is no Pending big pod: apply the 3-CPU Deployment (step 2).' };
        if (!ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?(describe\s+(pods?|po)\b|get\s+events?\b|events\b)/)) return { passed: false, message: 'Run `kubectl describe pod -l app=big` on control-plane.' };
        const msg = events(sim, 'FailedScheduling').filter((e) => e.involvedObject.name === p.metadata.name).at(-1)?.message ?? '';
        return { passed: true, message: msg || 'FailedScheduling: no node has 3 CPUs free.' };
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
        if (running) return { passed: true, message: `${running.metadata.name} requests ${cpuMillis(running)}m and runs on ${running.spec.nodeName}.` };
        const p = pods[0];
        if (p && cpuMillis(p) > 2000) return { passed: false, message: `big still requests ${cpuMillis(p)}m: no worker has more than 2000m. Lower it and apply.` };
        return { passed: false, message: 'Apply big with cpu: "500m".' };
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
        return q ? { passed: true, message: `resourcequota/compute in team-a: ${Object.entries(q.spec.hard ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}.` } : { passed: false, message: 'Apply the Namespace team-a and its ResourceQuota compute.' };
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
        if (podById(sim, 'team-a/nolimits')) return { passed: false, message: 'nolimits was created: is the quota in team-a? Apply step 5 first.' };
        return { passed: false, message: 'Run `kubectl run nolimits --image=nginx:1.27 -n team-a` on control-plane (the check reads the last command\'s answer).' };
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
        return running.length >= 2 ? { passed: true, message: `batch runs on ${running.map((p) => p.spec.nodeName).join(' and ')}, priority 0.` } : { passed: false, message: 'Apply the batch Deployment (2 replicas of 1 CPU).' };
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
        if (!pay) return { passed: false, message: 'Apply the PriorityClass critical and the pod payments.' };
        if (!pay.spec.priority) return { passed: false, message: 'payments has priority 0: give it priorityClassName: critical.' };
        if (!pay.spec.nodeName) return { passed: false, message: 'payments is still Pending: does it outrank the pods in its way?' };
        const victims = events(sim, 'Preempted').map((e) => e.involvedObject.name);
        if (victims.length === 0) return { passed: false, message: `payments fit on ${pay.spec.nodeName} without preempting anything: fill the workers with the batch pods first.` };
        return { passed: true, message: `payments (priority ${pay.spec.priority}) runs on ${pay.spec.nodeName}; preempted: ${victims.join(', ')}.` };
      },
      showMe: () => ({ kind: 'apply', manifest: PREEMPT }),
    },
  ],
};
