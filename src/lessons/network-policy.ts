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
        if (!last) return { passed: false, message: `From default/client: ${curlCmd(sim)}` };
        return last.trace.replied && !last.trace.refused ? { passed: true, message: 'nginx answered: no policy, no isolation.' } : { passed: false, message: 'That did not get an answer — is a policy already in place?' };
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
        if (!np) return { passed: false, message: 'Apply the deny-all policy.' };
        if (Object.keys(np.spec.podSelector.matchLabels ?? {}).length > 0 || (np.spec.ingress ?? []).length > 0) return { passed: false, message: 'deny-all should select every pod (podSelector: {}) and have no ingress rules.' };
        return { passed: true, message: `networkpolicy/deny-all: policyTypes ${np.spec.policyTypes?.join(', ')}. felix on every node rewrote its chains.` };
      },
      showMe: () => ({ kind: 'apply', manifest: DENY_ALL }),
    },
    {
      title: 'The request times out',
      body: 'Run the same wget again from `default/client`. It hangs until it gives up (`wget: download timed out`): the SYN is dropped silently, no RST comes back.',
      hint: `Same command as in step 1.`,
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!policy(sim, 'deny-all')) return { passed: false, message: 'Apply deny-all first.' };
        const last = requests(sim).at(-1);
        if (!last || last.trace.replied) return { passed: false, message: `Fetch from the web pod again: ${curlCmd(sim)}` };
        return { passed: true, message: `Timed out. Dropped: ${last.trace.reason}` };
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
        if (!t || t.dst !== webIp(sim)) return { passed: false, message: 'Trace from default/client to the web pod (TCP 80).' };
        if (t.outcome !== 'dropped') return { passed: false, message: 'That trace was delivered: is deny-all still there?' };
        return /cali-tw-/.test(t.reason ?? '') ? { passed: true, message: t.notes?.[0] ?? t.reason! } : { passed: false, message: `Dropped elsewhere: ${t.reason}` };
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
        if (ran(sim, undefined, /iptables-save.*cali/)) return { passed: false, message: `Look on the web pod's node (${node ?? 'see kubectl get pods -o wide'}): the ingress chain of a pod lives where the pod runs.` };
        return { passed: false, message: `On ${node ?? 'the web pod\'s node'}: iptables-save -t filter | grep cali` };
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
        if (!np) return { passed: false, message: 'Apply the allow-client policy.' };
        const from = np.spec.ingress?.[0]?.from?.[0]?.podSelector?.matchLabels?.app;
        return from === 'client' ? { passed: true, message: 'networkpolicy/allow-client: from app=client, TCP 80.' } : { passed: false, message: 'The ingress rule should allow from podSelector app=client.' };
      },
      showMe: () => ({ kind: 'apply', manifest: ALLOW_CLIENT }),
    },
    {
      title: 'It works again — for the client only',
      body: 'Fetch once more from `default/client`: nginx answers. A pod without the label `app=client` would still time out, and so would any port other than 80.',
      hint: 'Same wget as before.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!policy(sim, 'allow-client')) return { passed: false, message: 'Apply allow-client first.' };
        const last = requests(sim).at(-1);
        if (!last?.trace.replied) return { passed: false, message: `Fetch from the web pod again: ${curlCmd(sim)}` };
        return { passed: true, message: 'nginx answered: the SYN matched the cali40s ipset of app=client pods, the policy chain set the accept mark, and the reply passed by conntrack.' };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: CLIENT, command: curlCmd(sim) }),
    },
  ],
};
