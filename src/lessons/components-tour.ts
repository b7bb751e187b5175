/** Lesson "Components tour": control plane vs workers, etcd behind the apiserver, kubelet, runtime, kube-proxy. */
import type { Lesson } from './types';
import { commandsRun, ran } from './helpers';

const WORKERS = /^node-\d+$/;

/** Whether a command matching `re` ran on a worker node. */
function ranOnWorker(sim: Parameters<typeof commandsRun>[0], re: RegExp): boolean {
  return commandsRun(sim).some((c) => WORKERS.test(c.target) && re.test(c.command));
}

export const componentsTour: Lesson = {
  id: 'components-tour',
  title: 'Components tour',
  topic: 'Cluster architecture',
  summary: 'Control plane and workers: etcd behind the apiserver, the REST API, the kubelet, the container runtime and kube-proxy\'s rules.',
  minutes: 8,
  steps: [
    {
      title: 'Control plane and workers',
      body:
        'A cluster has two kinds of machines. The **control plane** runs kube-apiserver, etcd, kube-scheduler and kube-controller-manager. **Workers** run your pods: each has a kubelet, kube-proxy and a container runtime (the control plane has those too).\n\n' +
        'On `control-plane`, run `kubectl get nodes -o wide`. The ROLES column tells them apart; the control plane carries a taint so ordinary pods stay off it.',
      hint: 'Terminal target: control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(nodes?|no)\b/)
          ? { passed: true, message: { en: `${sim.nodes().length} nodes: one with ROLES control-plane, the others are workers.`, de: `${sim.nodes().length} Nodes: einer mit ROLES control-plane, die anderen sind Worker.` } }
          : ran(sim, undefined, /kubectl\s+(?:.*\s)?get\s+(nodes?|no)\b/)
            ? { passed: false, message: { en: 'kubectl needs the admin kubeconfig, which lives on control-plane: run it there.', de: 'kubectl braucht die Admin-kubeconfig, und die liegt auf control-plane: führ es dort aus.' } }
            : { passed: false, message: { en: 'Run `kubectl get nodes -o wide` on control-plane.', de: 'Führ `kubectl get nodes -o wide` auf control-plane aus.' } },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get nodes -o wide' }),
    },
    {
      title: 'The control plane as pods',
      body:
        'kubeadm runs the control-plane components as **static pods**: the kubelet on control-plane starts whatever YAML lies in `/etc/kubernetes/manifests`, and mirrors each pod into the API. kube-proxy runs as a **DaemonSet**, one pod per node. On `control-plane`:\n\n`kubectl get pods -n kube-system -o wide`\n`ls /etc/kubernetes/manifests`',
      hint: 'Static pods are named after their node: kube-apiserver-control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, 'control-plane', /^(?=.*kubectl\s+(?:.*\s)?get\s+(pods?|po)\b)(?=.*(\s-n\s*=?\s*kube-system|--namespace[= ]kube-system|\s-A\b|--all-namespaces))/)) return { passed: false, message: { en: 'Run `kubectl get pods -n kube-system -o wide` on control-plane.', de: 'Führ `kubectl get pods -n kube-system -o wide` auf control-plane aus.' } };
        const cp = sim.pods().filter((p) => p.metadata.namespace === 'kube-system' && p.spec.nodeName === 'control-plane' && /^(etcd|kube-apiserver|kube-scheduler|kube-controller-manager)-/.test(p.metadata.name));
        return { passed: true, message: cp.length ? { en: `On control-plane: ${cp.map((p) => p.metadata.name).join(', ')}; a kube-proxy pod on every node.`, de: `Auf control-plane: ${cp.map((p) => p.metadata.name).join(', ')}; dazu ein kube-proxy-Pod auf jedem Node.` } : { en: 'The kube-system namespace holds the cluster\'s own components.', de: 'Der Namespace kube-system enthält die Komponenten des Clusters selbst.' } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl get pods -n kube-system -o wide', 'ls /etc/kubernetes/manifests'] }),
    },
    {
      title: 'etcd holds the state',
      body:
        'Every object lives in **etcd**, a key-value store, under `/registry/<resource>/<namespace>/<name>`. On `control-plane`:\n\n`etcdctl get --prefix /registry/pods --keys-only`\n\nOne key per pod. The values are protobuf: nobody but the apiserver is meant to read them.',
      hint: 'etcd runs on the control plane (client port 2379). On a real kubeadm node etcdctl also needs the client certificates: --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, 'control-plane', /etcdctl\s+.*get\b/)) return { passed: true, message: { en: 'The keys are the objects: /registry/pods/default/client is the pod client.', de: 'Die Keys sind die Objekte: /registry/pods/default/client ist der Pod client.' } };
        if (ran(sim, undefined, /etcdctl/)) return { passed: false, message: { en: 'etcd listens on the control plane (127.0.0.1:2379): run etcdctl on control-plane.', de: 'etcd lauscht auf der Control Plane (127.0.0.1:2379): führ etcdctl auf control-plane aus.' } };
        return { passed: false, message: { en: 'Run `etcdctl get --prefix /registry/pods --keys-only` on control-plane.', de: 'Führ `etcdctl get --prefix /registry/pods --keys-only` auf control-plane aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'etcdctl get --prefix /registry/pods --keys-only' }),
    },
    {
      title: 'Only the apiserver talks to etcd',
      body:
        'The scheduler, the controllers, every kubelet and you all go through **kube-apiserver**; it alone reads and writes etcd. Each object has a REST path. Open the API on the control plane and fetch one pod:\n\n`kubectl proxy &`\n`curl localhost:8001/api/v1/namespaces/default/pods/client`\n\nThe JSON is what kubectl turns into tables. (`kubectl get --raw /api/v1/namespaces/default/pods/client` fetches the same path.)',
      hint: 'kubectl proxy serves the API on 127.0.0.1:8001 with the admin credentials; curl it on the same machine.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+--raw[= ]\/api(s)?\//)) return { passed: true, message: { en: 'kubectl get --raw: the same object etcd stores, as the apiserver serves it at its REST path.', de: 'kubectl get --raw: dasselbe Objekt, das in etcd liegt, so wie der apiserver es unter seinem REST-Pfad ausliefert.' } };
        const curls = commandsRun(sim).filter((c) => /curl\b.*\/api(s)?\/v1\//.test(c.command));
        if (curls.some((c) => c.target === 'control-plane') && ran(sim, 'control-plane', /kubectl\s+proxy\b/)) return { passed: true, message: { en: 'GET /api/v1/namespaces/default/pods/client: the same object etcd stores, served by the apiserver.', de: 'GET /api/v1/namespaces/default/pods/client: dasselbe Objekt, das in etcd liegt, ausgeliefert vom apiserver.' } };
        if (curls.length > 0) return { passed: false, message: { en: 'Start `kubectl proxy &` on control-plane first and curl there: the proxy listens on that machine\'s 127.0.0.1.', de: 'Starte zuerst `kubectl proxy &` auf control-plane und ruf curl dort auf: Der Proxy lauscht auf 127.0.0.1 genau dieser Maschine.' } };
        return { passed: false, message: { en: 'Run `kubectl proxy &`, then `curl localhost:8001/api/v1/namespaces/default/pods/client` on control-plane.', de: 'Führ `kubectl proxy &` und dann `curl localhost:8001/api/v1/namespaces/default/pods/client` auf control-plane aus.' } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl proxy &', 'curl -s localhost:8001/api/v1/namespaces/default/pods/client | head -20'] }),
    },
    {
      title: 'The kubelet',
      body:
        'On each node the **kubelet** watches the apiserver for pods bound to its node and makes them real. It is not a pod itself but a systemd service — it has to run before any pod can, the static control-plane pods included. On `node-1`:\n\n`systemctl status kubelet`\n\nNote `--container-runtime-endpoint`: the kubelet starts nothing itself, it asks the runtime.',
      hint: 'Terminal target: node-1 (or node-2).',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ranOnWorker(sim, /systemctl\s+status\s+kubelet/)
          ? { passed: true, message: { en: 'kubelet.service is active; it reaches the runtime over a Unix socket (CRI).', de: 'kubelet.service ist active; es erreicht die Runtime über einen Unix-Socket (CRI).' } }
          : { passed: false, message: { en: 'Run `systemctl status kubelet` on a worker (node-1 or node-2).', de: 'Führ `systemctl status kubelet` auf einem Worker aus (node-1 oder node-2).' } },
      showMe: () => ({ kind: 'exec', target: 'node-1', command: 'systemctl status kubelet' }),
    },
    {
      title: 'The container runtime',
      body:
        'The runtime (containerd here) runs a **sandbox** per pod (the pause container that holds the network namespace) and the pod\'s containers in it. `crictl` speaks the same CRI API as the kubelet. On `node-1`:\n\n`crictl pods`\n`crictl ps`',
      hint: 'crictl pods lists sandboxes, crictl ps lists containers.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ranOnWorker(sim, /crictl\s+(pods|ps)\b/)
          ? { passed: true, message: { en: 'One sandbox per pod on this node, and the containers in them: what the kubelet asked for.', de: 'Eine Sandbox pro Pod auf diesem Node und die Container darin: genau das, was das kubelet angefordert hat.' } }
          : ran(sim, 'control-plane', /crictl/)
            ? { passed: false, message: { en: 'Your workload pods run on the workers: look at crictl on node-1.', de: 'Deine Workload-Pods laufen auf den Workern: Schau dir crictl auf node-1 an.' } }
            : { passed: false, message: { en: 'Run `crictl pods` and `crictl ps` on node-1.', de: 'Führ `crictl pods` und `crictl ps` auf node-1 aus.' } },
      showMe: () => ({ kind: 'script', target: 'node-1', commands: ['crictl pods', 'crictl ps'] }),
    },
    {
      title: 'kube-proxy\'s rules',
      body:
        '**kube-proxy** (the DaemonSet pod on each node, in the host\'s network namespace) watches Services and EndpointSlices and turns them into iptables rules. Every cluster has the Service `kubernetes` (10.96.0.1:443), which leads to the apiserver. On `node-1`:\n\n`iptables-save -t nat | grep KUBE-SVC`\n\nkube-proxy forwards nothing itself: the kernel rewrites the packets.',
      hint: 'The Services\' chains are in the nat table.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ranOnWorker(sim, /iptables-save|iptables\s.*-t\s*nat.*\s-(L|S)|iptables\s.*-(L|S).*-t\s*nat/)) return { passed: true, message: { en: 'KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… → DNAT to 192.168.56.10:6443: the kubernetes Service, written by kube-proxy.', de: 'KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… → DNAT auf 192.168.56.10:6443: der Service kubernetes, geschrieben von kube-proxy.' } };
        if (ran(sim, undefined, /iptables/)) return { passed: false, message: { en: 'Look at the nat table of a worker: `iptables-save -t nat` on node-1.', de: 'Schau dir die nat-Tabelle eines Workers an: `iptables-save -t nat` auf node-1.' } };
        return { passed: false, message: { en: 'Run `iptables-save -t nat | grep KUBE-SVC` on node-1.', de: 'Führ `iptables-save -t nat | grep KUBE-SVC` auf node-1 aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'node-1', command: 'iptables-save -t nat | grep KUBE-SVC' }),
    },
  ],  de: {
    title: 'Rundgang durch die Komponenten',
    topic: 'Cluster-Architektur',
    summary: 'Control Plane und Worker: etcd hinter dem apiserver, die REST-API, das kubelet, die Container-Runtime und die Regeln von kube-proxy.',
    steps: [
      {
        title: 'Control Plane und Worker',
        body:
          'Ein Cluster hat zwei Arten von Maschinen. Die **Control Plane** betreibt kube-apiserver, etcd, kube-scheduler und kube-controller-manager. Die **Worker** betreiben deine Pods: Jeder hat ein kubelet, kube-proxy und eine Container-Runtime (die Control Plane hat die auch).\n\n' +
          'Führ auf `control-plane` `kubectl get nodes -o wide` aus. Die Spalte ROLES unterscheidet sie; die Control Plane trägt einen Taint, damit gewöhnliche Pods ihr fernbleiben.',
        hint: 'Terminal-Ziel: control-plane.',
      },
      {
        title: 'Die Control Plane als Pods',
        body:
          'kubeadm betreibt die Komponenten der Control Plane als **Static Pods**: Das kubelet auf control-plane startet jedes YAML, das in `/etc/kubernetes/manifests` liegt, und spiegelt jeden Pod in die API. kube-proxy läuft als **DaemonSet**, ein Pod pro Node. Auf `control-plane`:\n\n`kubectl get pods -n kube-system -o wide`\n`ls /etc/kubernetes/manifests`',
        hint: 'Static Pods heißen nach ihrem Node: kube-apiserver-control-plane.',
      },
      {
        title: 'etcd hält den Zustand',
        body:
          'Jedes Objekt liegt in **etcd**, einem Key-Value-Store, unter `/registry/<resource>/<namespace>/<name>`. Auf `control-plane`:\n\n`etcdctl get --prefix /registry/pods --keys-only`\n\nEin Key pro Pod. Die Werte sind Protobuf: Außer dem apiserver soll sie niemand lesen.',
        hint: 'etcd läuft auf der Control Plane (Client-Port 2379). Auf einem echten kubeadm-Node braucht etcdctl außerdem die Client-Zertifikate: --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key.',
      },
      {
        title: 'Nur der apiserver spricht mit etcd',
        body:
          'Der Scheduler, die Controller, jedes kubelet und du: Alle gehen über den **kube-apiserver**; nur er liest und schreibt etcd. Jedes Objekt hat einen REST-Pfad. Öffne die API auf der Control Plane und hol dir einen Pod:\n\n`kubectl proxy &`\n`curl localhost:8001/api/v1/namespaces/default/pods/client`\n\nDas JSON ist das, was kubectl zu Tabellen macht. (`kubectl get --raw /api/v1/namespaces/default/pods/client` holt denselben Pfad.)',
        hint: 'kubectl proxy stellt die API mit den Admin-Credentials auf 127.0.0.1:8001 bereit; ruf curl auf derselben Maschine auf.',
      },
      {
        title: 'Das kubelet',
        body:
          'Auf jedem Node beobachtet das **kubelet** den apiserver nach Pods, die an seinen Node gebunden sind, und macht sie real. Es ist selbst kein Pod, sondern ein systemd-Service — es muss laufen, bevor irgendein Pod laufen kann, die Static Pods der Control Plane eingeschlossen. Auf `node-1`:\n\n`systemctl status kubelet`\n\nBeachte `--container-runtime-endpoint`: Das kubelet startet selbst nichts, es beauftragt die Runtime.',
        hint: 'Terminal-Ziel: node-1 (oder node-2).',
      },
      {
        title: 'Die Container-Runtime',
        body:
          'Die Runtime (hier containerd) betreibt pro Pod eine **Sandbox** (den pause-Container, der den Network Namespace hält) und darin die Container des Pods. `crictl` spricht dieselbe CRI-API wie das kubelet. Auf `node-1`:\n\n`crictl pods`\n`crictl ps`',
        hint: 'crictl pods listet die Sandboxes, crictl ps die Container.',
      },
      {
        title: 'Die Regeln von kube-proxy',
        body:
          '**kube-proxy** (der DaemonSet-Pod auf jedem Node, im Network Namespace des Hosts) beobachtet Services und EndpointSlices und macht daraus iptables-Regeln. Jeder Cluster hat den Service `kubernetes` (10.96.0.1:443), der zum apiserver führt. Auf `node-1`:\n\n`iptables-save -t nat | grep KUBE-SVC`\n\nkube-proxy leitet selbst nichts weiter: Der Kernel schreibt die Pakete um.',
        hint: 'Die Chains der Services liegen in der nat-Tabelle.',
      },
    ],
  },
};
