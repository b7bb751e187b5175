/** Lesson 5, "Be the CNI plugin": pod networking by hand on node-1, as the course notes do it. */
import type { Lesson } from './types';
import { eth0Address, handmadeNetns, hostNs, ran } from './helpers';

const NODE = 'node-1';

export const beTheCni: Lesson = {
  id: 'be-the-cni',
  preset: 'no-cni',
  title: 'Be the CNI plugin',
  topic: 'CNI',
  summary: 'Build what a CNI plugin builds, by hand: a bridge, a network namespace, a veth pair, addresses, FORWARD rules, MASQUERADE.',
  minutes: 12,
  steps: [
    {
      title: 'A cluster without a network',
      body:
        'No CNI plugin is installed: the kubelet reports **NotReady** ("cni plugin not initialized") and no pod can start. A CNI plugin is a program the runtime calls with `CNI_COMMAND=ADD` for each pod; everything it does, you can do with `ip`, `brctl` and `iptables`.\n\n' +
        'On `node-1`, create the bridge the pods will plug into, bring it up, and give it the gateway address of the node\'s pod subnet:\n\n`brctl addbr cni0`\n`ip link set cni0 up`\n`ip addr add 10.244.1.1/24 dev cni0`',
      hint: 'Terminal target node-1. Then `ip route | grep cni0` shows the connected route the kernel added.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const br = hostNs(sim, NODE)?.links.find((l) => l.name === 'cni0');
        if (!br) return { passed: false, message: 'There is no cni0 on node-1 yet: `brctl addbr cni0`.' };
        if (br.kind !== 'bridge') return { passed: false, message: 'cni0 exists but is not a bridge: delete it (`ip link del cni0`) and use `brctl addbr cni0`.' };
        if (!br.up) return { passed: false, message: 'cni0 is down: `ip link set cni0 up`.' };
        if (!br.addrs.some((a) => a.address === '10.244.1.1' && a.prefix === 24)) return { passed: false, message: 'Give cni0 the gateway address: `ip addr add 10.244.1.1/24 dev cni0`.' };
        return { passed: true, message: 'cni0 is up with 10.244.1.1/24, and the kernel added `10.244.1.0/24 dev cni0 proto kernel scope link`.' };
      },
      showMe: () => ({ kind: 'script', target: NODE, commands: ['brctl addbr cni0', 'ip link set cni0 up', 'ip addr add 10.244.1.1/24 dev cni0'] }),
    },
    {
      title: 'A namespace and a veth pair',
      body:
        'A pod is a network namespace. Create one, and a veth pair with one end inside it (named `eth0`, as the runtime asks) and the other end plugged into the bridge:\n\n' +
        '`ip netns add pod1`\n`ip link add veth-pod1 type veth peer name eth0 netns pod1`\n`brctl addif cni0 veth-pod1`\n`ip link set veth-pod1 up`',
      hint: '`ip netns list` shows pod1; `brctl show` shows veth-pod1 on cni0.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const nss = handmadeNetns(sim, NODE);
        if (nss.length === 0) return { passed: false, message: 'Create a namespace first: `ip netns add pod1`.' };
        const host = hostNs(sim, NODE)!;
        const ok = nss.some((ns) => {
          const eth0 = ns.links.find((l) => l.name === 'eth0');
          const peer = eth0?.peer && host.links.find((l) => l.name === eth0.peer!.ifname);
          return !!peer && peer.master === 'cni0' && peer.up;
        });
        if (ok) return { passed: true, message: 'One end of the pair is eth0 inside the namespace, the other a port of cni0: the "wire" into the pod.' };
        if (!nss.some((ns) => ns.links.some((l) => l.name === 'eth0'))) return { passed: false, message: 'The namespace has no eth0 yet: create the veth pair with `peer name eth0 netns pod1`.' };
        return { passed: false, message: 'Plug the host end into the bridge (`brctl addif cni0 veth-pod1`) and bring it up (`ip link set veth-pod1 up`).' };
      },
      showMe: () => ({ kind: 'script', target: NODE, commands: ['ip netns add pod1', 'ip link add veth-pod1 type veth peer name eth0 netns pod1', 'brctl addif cni0 veth-pod1', 'ip link set veth-pod1 up'] }),
    },
    {
      title: 'An address and a way out',
      body:
        'Inside the namespace everything is down and empty. Bring up `lo` and `eth0`, give `eth0` an address from the node\'s subnet, and route everything else via the bridge:\n\n' +
        '`ip netns exec pod1 ip link set lo up`\n`ip netns exec pod1 ip link set eth0 up`\n`ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0`\n`ip netns exec pod1 ip route add default via 10.244.1.1`\n\nThen `ip netns exec pod1 ping -c 1 10.244.1.1`: the node answers.',
      hint: 'This is what the bridge plugin and host-local IPAM do, and what they return in the CNI result (ips, routes).',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ns = handmadeNetns(sim, NODE).find((n) => eth0Address(n)?.startsWith('10.244.1.'));
        if (!ns) return { passed: false, message: 'Give eth0 in the namespace an address in 10.244.1.0/24, e.g. `ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0`.' };
        if (!ns.links.find((l) => l.name === 'eth0')!.up) return { passed: false, message: 'eth0 inside the namespace is still down: `ip netns exec pod1 ip link set eth0 up`.' };
        if (!ns.routes.some((r) => r.dst === 'default' && r.via === '10.244.1.1')) return { passed: false, message: 'Add the default route: `ip netns exec pod1 ip route add default via 10.244.1.1`.' };
        const pinged = sim.pings.some((p) => p.trace.dst === '10.244.1.1' && p.trace.replied && p.trace.src === eth0Address(ns));
        if (!pinged) return { passed: false, message: 'Now ping the gateway from inside: `ip netns exec pod1 ping -c 1 10.244.1.1`.' };
        return { passed: true, message: 'The node answered over the bridge: the packet went up cni0 into node-1\'s own stack (INPUT), no forwarding needed.' };
      },
      showMe: () => ({
        kind: 'script',
        target: NODE,
        commands: ['ip netns exec pod1 ip link set lo up', 'ip netns exec pod1 ip link set eth0 up', 'ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0', 'ip netns exec pod1 ip route add default via 10.244.1.1', 'ip netns exec pod1 ping -c 1 10.244.1.1'],
      }),
    },
    {
      title: "A second pod, and Docker's FORWARD policy",
      body:
        'Build `pod2` the same way with `10.244.1.3`, then ping it from pod1. It fails. These nodes run Docker, which sets the **filter FORWARD** policy to **DROP**; with `net.bridge.bridge-nf-call-iptables=1` even traffic *across the bridge* passes FORWARD.\n\n' +
        'Pod to node worked (INPUT), pod to pod does not (FORWARD). Accept the pod network in FORWARD:\n\n`iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT`\n`iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT`\n\nand ping again.',
      hint: 'Trace the failing ping in your head: `iptables -L FORWARD -v -n` shows the policy and the counters.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const nss = handmadeNetns(sim, NODE).filter((n) => eth0Address(n)?.startsWith('10.244.1.'));
        if (nss.length < 2) return { passed: false, message: 'Build a second namespace (pod2) with 10.244.1.3/24 the same way.' };
        const addrs = nss.map(eth0Address);
        const ok = sim.pings.some((p) => p.trace.replied && addrs.includes(p.trace.src) && addrs.includes(p.trace.dst) && p.trace.src !== p.trace.dst);
        if (ok) return { passed: true, message: 'Pod to pod across the bridge works: FORWARD now accepts 10.244.0.0/16.' };
        const dropped = sim.pings.some((p) => !p.trace.replied && /FORWARD/.test(p.trace.reason ?? ''));
        if (dropped && ran(sim, NODE, /-t nat .*FORWARD/)) return { passed: false, message: 'The rules went into the nat table; FORWARD is in the filter table: `iptables -t filter -A FORWARD ...`.' };
        if (dropped) return { passed: false, message: 'Dropped by filter/FORWARD (policy DROP): add the two ACCEPT rules for 10.244.0.0/16.' };
        return { passed: false, message: 'Ping pod2 from pod1: `ip netns exec pod1 ping -c 1 10.244.1.3`.' };
      },
      showMe: () => ({
        kind: 'script',
        target: NODE,
        commands: [
          'ip netns add pod2',
          'ip link add veth-pod2 type veth peer name eth0 netns pod2',
          'brctl addif cni0 veth-pod2',
          'ip link set veth-pod2 up',
          'ip netns exec pod2 ip link set lo up',
          'ip netns exec pod2 ip link set eth0 up',
          'ip netns exec pod2 ip addr add 10.244.1.3/24 dev eth0',
          'ip netns exec pod2 ip route add default via 10.244.1.1',
          'iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT',
          'iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT',
          'ip netns exec pod1 ping -c 1 10.244.1.3',
        ],
      }),
    },
    {
      title: 'Out to the internet',
      body:
        '`ip netns exec pod1 ping -c 1 8.8.8.8` gets no answer: the packet leaves with source 10.244.1.2, a private address nobody on the internet can route back to. Masquerade pod traffic that leaves through anything but the bridge:\n\n`iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE`\n\nPing again, then look at `conntrack -L`: the entry remembers the translation for the reply.',
      hint: 'MASQUERADE rewrites the source to the address of the outgoing interface (node-1\'s 192.168.56.11).',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const nss = handmadeNetns(sim, NODE).map(eth0Address);
        const ok = sim.pings.some((p) => p.trace.replied && p.trace.dst === '8.8.8.8' && nss.includes(p.trace.src));
        if (ok) return { passed: true, message: 'The reply came back: conntrack turned 192.168.56.11 back into the pod\'s address.' };
        if (ran(sim, NODE, /-t filter .*MASQUERADE|^iptables (?!.*-t nat).*MASQUERADE/)) return { passed: false, message: 'MASQUERADE lives in the nat table: `iptables -t nat -A POSTROUTING ...`.' };
        return { passed: false, message: 'Add the MASQUERADE rule, then `ip netns exec pod1 ping -c 1 8.8.8.8`.' };
      },
      showMe: () => ({ kind: 'script', target: NODE, commands: ['iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE', 'ip netns exec pod1 ping -c 1 8.8.8.8', 'conntrack -L'] }),
    },
  ],
};
