/**
 * Ready-made scenarios: the basic cluster, an empty one to build networking by hand, and
 * the classic breakages from the course notes. A broken preset is a normal scenario plus
 * setup actions (the commands that broke it), so it replays and shares like any other.
 */
import type { PresetInfo } from '../sim/snapshot';
import { defaultScenario } from './defaults';
import type { Action, Scenario } from './types';

export interface Preset extends PresetInfo {
  build: () => { scenario: Scenario; setup: Action[] };
  /** Commands that fix a broken preset (used by tests and "show me the fix"). */
  fix?: Action[];
}

const WORKERS = ['node-1', 'node-2'];
const ALL_NODES = ['control-plane', 'node-1', 'node-2'];

function scenario(id: string, change: (s: Scenario) => void = () => undefined): Scenario {
  const s = defaultScenario();
  s.name = id;
  s.preset = id;
  change(s);
  return s;
}

const onNodes = (nodes: string[], ...commands: string[]): Action[] => nodes.flatMap((target) => commands.map((command) => ({ type: 'exec' as const, target, command })));

export const PRESETS: Preset[] = [
  {
    id: 'default',
    title: 'Three-node cluster with flannel',
    category: 'basics',
    summary: 'One control plane, two workers, flannel VXLAN, three nginx pods and a busybox client.',
    build: () => ({ scenario: defaultScenario(), setup: [] }),
  },
  {
    id: 'no-cni',
    title: 'Be the CNI plugin',
    category: 'basics',
    summary: 'No network plugin: the nodes are NotReady. Build pod networking by hand with brctl, ip netns, veth pairs, iptables.',
    build: () => ({ scenario: scenario('no-cni', (s) => {
      s.cluster.cni = 'none';
      s.manifests = '';
    }), setup: [] }),
  },
  {
    id: 'forward-drop',
    title: "Docker's FORWARD policy DROP",
    category: 'broken',
    summary: "Docker sets the filter FORWARD policy to DROP, and this flannel version installed no FORWARD rules of its own.",
    symptom: 'A pod can ping its own node, but not another pod — not even one on the same bridge.',
    hint: 'Look at `iptables -L FORWARD -v -n` on the node. Which chain decides, and by what?',
    build: () => ({
      scenario: scenario('forward-drop'),
      setup: onNodes(ALL_NODES, 'iptables -P FORWARD DROP', 'iptables -D FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD'),
    }),
    fix: onNodes(ALL_NODES, 'iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT', 'iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT'),
  },
  {
    id: 'no-masquerade',
    title: 'No MASQUERADE: pods cannot reach the internet',
    category: 'broken',
    summary: "flanneld's masquerade rules are gone (it ran without --ip-masq).",
    symptom: 'Pods reach each other, but `ping 8.8.8.8` from a pod gets no answer.',
    hint: 'Trace to 8.8.8.8 and look at the source address when the packet leaves the node. Who can route a reply to 10.244.x.x?',
    build: () => ({ scenario: scenario('no-masquerade'), setup: onNodes(WORKERS, 'iptables -t nat -F FLANNEL-POSTRTG') }),
    fix: [
      { type: 'exec', target: 'node-1', command: 'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE' },
      { type: 'exec', target: 'node-2', command: 'iptables -t nat -A POSTROUTING -s 10.244.2.0/24 ! -o cni0 -j MASQUERADE' },
    ],
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function presetInfos(): PresetInfo[] {
  return PRESETS.map(({ id, title, category, summary, symptom, hint }) => ({ id, title, category, summary, symptom, hint }));
}
