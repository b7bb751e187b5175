/** Lesson "Container runtimes": containerd and CRI-O side by side behind the CRI; what "Docker" meant. */
import type { Pod } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { appPods, ran } from './helpers';

const CRIO = 'node-2';
const CONTAINERD = 'node-1';

function webOn(sim: Simulation, node: string): Pod | undefined {
  return appPods(sim, 'web').find((p) => p.spec.nodeName === node && p.status?.phase === 'Running');
}

export const containerRuntimes: Lesson = {
  id: 'container-runtimes',
  preset: 'cri-o-node',
  title: 'Container runtimes: containerd, CRI-O and the CRI',
  topic: 'Cluster architecture',
  summary: 'One cluster, two runtimes: see which node runs what, talk to both with crictl, and find the one setting that tells the kubelet where its runtime is.',
  minutes: 7,
  steps: [
    {
      title: 'Which runtime runs where',
      body:
        'In this cluster **node-2 runs CRI-O**, the other nodes **containerd**. Nothing else differs. On `control-plane`:\n\n`kubectl get nodes -o wide`\n\nThe CONTAINER-RUNTIME column is what each kubelet reported in `status.nodeInfo.containerRuntimeVersion`.',
      hint: 'Scroll right: it is the last column.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(nodes?|no)\b.*(-o\s*=?\s*wide|--output[= ]wide)/)
          ? { passed: true, message: sim.nodes().map((n) => `${n.metadata.name}: ${n.status?.nodeInfo?.containerRuntimeVersion ?? '?'}`).join(', ') }
          : { passed: false, message: 'Run `kubectl get nodes -o wide` on control-plane.' },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get nodes -o wide' }),
    },
    {
      title: 'Ask the runtime on node-2',
      body:
        '`crictl` is a client for the **Container Runtime Interface (CRI)**, the gRPC API the kubelet uses. It works against any CRI runtime. On `node-2`:\n\n`crictl version`\n`crictl ps`\n\nRuntimeName: cri-o — and the same web containers you would see on a containerd node.',
      hint: 'Terminal target node-2.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, CRIO, /crictl\s+(version|info|ps|pods)\b/)) return { passed: true, message: 'CRI-O answers the same CRI calls: RuntimeName cri-o, RuntimeApiVersion v1.' };
        if (ran(sim, undefined, /crictl/)) return { passed: false, message: 'That was not the CRI-O node: run crictl on node-2.' };
        return { passed: false, message: 'Run `crictl version` on node-2.' };
      },
      showMe: () => ({ kind: 'script', target: CRIO, commands: ['crictl version', 'crictl ps'] }),
    },
    {
      title: 'Two different daemons',
      body:
        'Underneath they are different programs. Compare the services:\n\n`systemctl status crio` on `node-2`\n`systemctl status containerd` on `node-1`\n\nEach pulls images, creates the pod sandbox, calls the CNI plugin and starts containers through an OCI runtime (runc or crun) — each its own way.',
      hint: 'Two terminals: node-2 and node-1.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const crio = ran(sim, CRIO, /systemctl\s+status\s+crio/);
        const ctrd = ran(sim, CONTAINERD, /systemctl\s+status\s+containerd/);
        if (crio && ctrd) return { passed: true, message: 'crio.service on node-2, containerd.service on node-1: two runtimes, one interface.' };
        if (ran(sim, CRIO, /systemctl\s+status\s+containerd/)) return { passed: false, message: 'node-2 has no containerd: its runtime unit is crio.' };
        return { passed: false, message: crio ? 'Now `systemctl status containerd` on node-1.' : 'Run `systemctl status crio` on node-2.' };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: CRIO, command: 'systemctl status crio' },
          { target: CONTAINERD, command: 'systemctl status containerd' },
        ],
      }),
    },
    {
      title: 'How the kubelet finds its runtime',
      body:
        'The kubelet does not care which runtime it is: it dials a socket. On `node-2`:\n\n`cat /var/lib/kubelet/config.yaml`\n\n`containerRuntimeEndpoint: unix:///var/run/crio/crio.sock` — on node-1 it is containerd\'s socket. Swap the runtime, change this line, and nothing else in Kubernetes notices.',
      hint: 'The same setting exists as the kubelet flag --container-runtime-endpoint.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, CRIO, /cat\s+\/var\/lib\/kubelet\/config\.yaml/) || ran(sim, CRIO, /systemctl\s+status\s+kubelet/)) return { passed: true, message: 'containerRuntimeEndpoint: unix:///var/run/crio/crio.sock.' };
        if (ran(sim, undefined, /\/var\/lib\/kubelet\/config\.yaml/)) return { passed: false, message: 'Look on node-2, the CRI-O node.' };
        return { passed: false, message: 'Run `cat /var/lib/kubelet/config.yaml` on node-2.' };
      },
      showMe: () => ({ kind: 'exec', target: CRIO, command: 'cat /var/lib/kubelet/config.yaml' }),
    },
    {
      title: 'The runtime in each container ID',
      body:
        'The API shows it too: a container\'s ID starts with its runtime. Find a web pod on node-2 (`kubectl get pods -l app=web -o wide`), then on `control-plane`:\n\n`kubectl describe pod <that pod> | grep "Container ID"`\n\n`cri-o://…` there, `containerd://…` for the pods on node-1.',
      hint: 'Or all at once: `kubectl get pods -o yaml | grep containerID`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = webOn(sim, CRIO);
        if (!pod) return { passed: false, message: 'No web pod runs on node-2 right now.' };
        if (ran(sim, 'control-plane', /containerID|kubectl\s+(?:.*\s)?describe\s+(pods?|po)\b|kubectl\s+(?:.*\s)?get\s+(pods?|po)\b.*-o\s*=?\s*(yaml|json)/)) return { passed: true, message: `${pod.metadata.name} on node-2: ${pod.status?.containerStatuses?.[0]?.containerID?.split('://')[0]}://…` };
        return { passed: false, message: `Run \`kubectl describe pod ${pod.metadata.name}\` on control-plane and find Container ID.` };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'control-plane', command: `kubectl describe pod ${webOn(sim, CRIO)?.metadata.name ?? ''} | grep "Container ID"` }),
    },
    {
      title: 'And Docker?',
      body:
        'For years "the runtime" meant Docker, which Kubernetes reached through a built-in adapter, **dockershim**. Kubernetes 1.24 removed it: runtimes now speak CRI themselves. containerd is the part of Docker that actually ran containers; CRI-O was built for Kubernetes from the start. Images built with `docker build` are OCI images and run on both.\n\n' +
        'Try `docker ps` on `node-2`: there is no Docker on a modern node.',
      hint: 'crictl is the tool for what docker ps used to show.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const e = sim.lastExec;
        if (e && /^\s*(sudo\s+)?docker\b/.test(e.command) && e.exitCode !== 0) return { passed: true, message: `${e.target}: ${e.output.split('\n')[0]} — crictl ps is the equivalent.` };
        return { passed: false, message: 'Run `docker ps` on node-2 (the check reads your last command).' };
      },
      showMe: () => ({ kind: 'exec', target: CRIO, command: 'docker ps' }),
    },
  ],
};
