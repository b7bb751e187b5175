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
          ? { passed: true, message: `${sim.nodes().length} nodes: one with ROLES control-plane, the others are workers.` }
          : ran(sim, undefined, /kubectl\s+(?:.*\s)?get\s+(nodes?|no)\b/)
            ? { passed: false, message: 'kubectl needs the admin kubeconfig, which lives on control-plane: run it there.' }
            : { passed: false, message: 'Run `kubectl get nodes -o wide` on control-plane.' },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get nodes -o wide' }),
    },
    {
      title: 'The control plane as pods',
      body:
        'kubeadm runs the control-plane components as **static pods**: the kubelet on control-plane starts whatever YAML lies in `/etc/kubernetes/manifests`, and mirrors each pod into the API. kube-proxy runs as a **DaemonSet**, one pod per node. On `control-plane`:\n\n`kubectl get pods -n kube-system -o wide`\n`ls /etc/kubernetes/manifests`',
      hint: 'Static pods are named after their node: kube-apiserver-control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, 'control-plane', /^(?=.*kubectl\s+(?:.*\s)?get\s+(pods?|po)\b)(?=.*(\s-n\s*=?\s*kube-system|--namespace[= ]kube-system|\s-A\b|--all-namespaces))/)) return { passed: false, message: 'Run `kubectl get pods -n kube-system -o wide` on control-plane.' };
        const cp = sim.pods().filter((p) => p.metadata.namespace === 'kube-system' && p.spec.nodeName === 'control-plane' && /^(etcd|kube-apiserver|kube-scheduler|kube-controller-manager)-/.test(p.metadata.name));
        return { passed: true, message: cp.length ? `On control-plane: ${cp.map((p) => p.metadata.name).join(', ')}; a kube-proxy pod on every node.` : 'The kube-system namespace holds the cluster\'s own components.' };
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
        if (ran(sim, 'control-plane', /etcdctl\s+.*get\b/)) return { passed: true, message: 'The keys are the objects: /registry/pods/default/client is the pod client.' };
        if (ran(sim, undefined, /etcdctl/)) return { passed: false, message: 'etcd listens on the control plane (127.0.0.1:2379): run etcdctl on control-plane.' };
        return { passed: false, message: 'Run `etcdctl get --prefix /registry/pods --keys-only` on control-plane.' };
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
        if (ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+--raw[= ]\/api(s)?\//)) return { passed: true, message: 'kubectl get --raw: the same object etcd stores, as the apiserver serves it at its REST path.' };
        const curls = commandsRun(sim).filter((c) => /curl\b.*\/api(s)?\/v1\//.test(c.command));
        if (curls.some((c) => c.target === 'control-plane') && ran(sim, 'control-plane', /kubectl\s+proxy\b/)) return { passed: true, message: 'GET /api/v1/namespaces/default/pods/client: the same object etcd stores, served by the apiserver.' };
        if (curls.length > 0) return { passed: false, message: 'Start `kubectl proxy &` on control-plane first and curl there: the proxy listens on that machine\'s 127.0.0.1.' };
        return { passed: false, message: 'Run `kubectl proxy &`, then `curl localhost:8001/api/v1/namespaces/default/pods/client` on control-plane.' };
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
          ? { passed: true, message: 'kubelet.service is active; it reaches the runtime over a Unix socket (CRI).' }
          : { passed: false, message: 'Run `systemctl status kubelet` on a worker (node-1 or node-2).' },
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
          ? { passed: true, message: 'One sandbox per pod on this node, and the containers in them: what the kubelet asked for.' }
          : ran(sim, 'control-plane', /crictl/)
            ? { passed: false, message: 'Your workload pods run on the workers: look at crictl on node-1.' }
            : { passed: false, message: 'Run `crictl pods` and `crictl ps` on node-1.' },
      showMe: () => ({ kind: 'script', target: 'node-1', commands: ['crictl pods', 'crictl ps'] }),
    },
    {
      title: 'kube-proxy\'s rules',
      body:
        '**kube-proxy** (the DaemonSet pod on each node, in the host\'s network namespace) watches Services and EndpointSlices and turns them into iptables rules. Every cluster has the Service `kubernetes` (10.96.0.1:443), which leads to the apiserver. On `node-1`:\n\n`iptables-save -t nat | grep KUBE-SVC`\n\nkube-proxy forwards nothing itself: the kernel rewrites the packets.',
      hint: 'The Services\' chains are in the nat table.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ranOnWorker(sim, /iptables-save|iptables\s.*-t\s*nat.*\s-(L|S)|iptables\s.*-(L|S).*-t\s*nat/)) return { passed: true, message: 'KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… → DNAT to 192.168.56.10:6443: the kubernetes Service, written by kube-proxy.' };
        if (ran(sim, undefined, /iptables/)) return { passed: false, message: 'Look at the nat table of a worker: `iptables-save -t nat` on node-1.' };
        return { passed: false, message: 'Run `iptables-save -t nat | grep KUBE-SVC` on node-1.' };
      },
      showMe: () => ({ kind: 'exec', target: 'node-1', command: 'iptables-save -t nat | grep KUBE-SVC' }),
    },
  ],
};
