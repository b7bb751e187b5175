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
        if (!br) return { passed: false, message: { en: 'There is no cni0 on node-1 yet: `brctl addbr cni0`.', de: 'Auf node-1 gibt es noch kein cni0: `brctl addbr cni0`.' } };
        if (br.kind !== 'bridge') return { passed: false, message: { en: 'cni0 exists but is not a bridge: delete it (`ip link del cni0`) and use `brctl addbr cni0`.', de: 'cni0 existiert, ist aber keine Bridge: Lösch es (`ip link del cni0`) und nimm `brctl addbr cni0`.' } };
        if (!br.up) return { passed: false, message: { en: 'cni0 is down: `ip link set cni0 up`.', de: 'cni0 ist down: `ip link set cni0 up`.' } };
        if (!br.addrs.some((a) => a.address === '10.244.1.1' && a.prefix === 24)) return { passed: false, message: { en: 'Give cni0 the gateway address: `ip addr add 10.244.1.1/24 dev cni0`.', de: 'Gib cni0 die Gateway-Adresse: `ip addr add 10.244.1.1/24 dev cni0`.' } };
        return { passed: true, message: { en: 'cni0 is up with 10.244.1.1/24, and the kernel added `10.244.1.0/24 dev cni0 proto kernel scope link`.', de: 'cni0 ist up mit 10.244.1.1/24, und der Kernel hat `10.244.1.0/24 dev cni0 proto kernel scope link` angelegt.' } };
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
        if (nss.length === 0) return { passed: false, message: { en: 'Create a namespace first: `ip netns add pod1`.', de: 'Leg zuerst einen Namespace an: `ip netns add pod1`.' } };
        const host = hostNs(sim, NODE)!;
        const ok = nss.some((ns) => {
          const eth0 = ns.links.find((l) => l.name === 'eth0');
          const peer = eth0?.peer && host.links.find((l) => l.name === eth0.peer!.ifname);
          return !!peer && peer.master === 'cni0' && peer.up;
        });
        if (ok) return { passed: true, message: { en: 'One end of the pair is eth0 inside the namespace, the other a port of cni0: the "wire" into the pod.', de: 'Ein Ende des Paars ist eth0 im Namespace, das andere ein Port von cni0: das "Kabel" in den Pod.' } };
        if (!nss.some((ns) => ns.links.some((l) => l.name === 'eth0'))) return { passed: false, message: { en: 'The namespace has no eth0 yet: create the veth pair with `peer name eth0 netns pod1`.', de: 'Der Namespace hat noch kein eth0: Leg das veth-Paar mit `peer name eth0 netns pod1` an.' } };
        return { passed: false, message: { en: 'Plug the host end into the bridge (`brctl addif cni0 veth-pod1`) and bring it up (`ip link set veth-pod1 up`).', de: 'Steck das Host-Ende in die Bridge (`brctl addif cni0 veth-pod1`) und bring es hoch (`ip link set veth-pod1 up`).' } };
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
        if (!ns) return { passed: false, message: { en: 'Give eth0 in the namespace an address in 10.244.1.0/24, e.g. `ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0`.', de: 'Gib eth0 im Namespace eine Adresse aus 10.244.1.0/24, z. B. `ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0`.' } };
        if (!ns.links.find((l) => l.name === 'eth0')!.up) return { passed: false, message: { en: 'eth0 inside the namespace is still down: `ip netns exec pod1 ip link set eth0 up`.', de: 'eth0 im Namespace ist noch down: `ip netns exec pod1 ip link set eth0 up`.' } };
        if (!ns.routes.some((r) => r.dst === 'default' && r.via === '10.244.1.1')) return { passed: false, message: { en: 'Add the default route: `ip netns exec pod1 ip route add default via 10.244.1.1`.', de: 'Leg die Default-Route an: `ip netns exec pod1 ip route add default via 10.244.1.1`.' } };
        const pinged = sim.pings.some((p) => p.trace.dst === '10.244.1.1' && p.trace.replied && p.trace.src === eth0Address(ns));
        if (!pinged) return { passed: false, message: { en: 'Now ping the gateway from inside: `ip netns exec pod1 ping -c 1 10.244.1.1`.', de: 'Jetzt ping das Gateway von innen: `ip netns exec pod1 ping -c 1 10.244.1.1`.' } };
        return { passed: true, message: { en: 'The node answered over the bridge: the packet went up cni0 into node-1\'s own stack (INPUT), no forwarding needed.', de: 'Der Node hat über die Bridge geantwortet: Das Paket ging über cni0 hinauf in den eigenen Stack von node-1 (INPUT), ohne Forwarding.' } };
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
        if (nss.length < 2) return { passed: false, message: { en: 'Build a second namespace (pod2) with 10.244.1.3/24 the same way.', de: 'Bau einen zweiten Namespace (pod2) mit 10.244.1.3/24 auf dieselbe Weise.' } };
        const addrs = nss.map(eth0Address);
        const ok = sim.pings.some((p) => p.trace.replied && addrs.includes(p.trace.src) && addrs.includes(p.trace.dst) && p.trace.src !== p.trace.dst);
        if (ok) return { passed: true, message: { en: 'Pod to pod across the bridge works: FORWARD now accepts 10.244.0.0/16.', de: 'Pod zu Pod über die Bridge funktioniert: FORWARD akzeptiert jetzt 10.244.0.0/16.' } };
        const dropped = sim.pings.some((p) => !p.trace.replied && /FORWARD/.test(p.trace.reason ?? ''));
        if (dropped && ran(sim, NODE, /-t nat .*FORWARD/)) return { passed: false, message: { en: 'The rules went into the nat table; FORWARD is in the filter table: `iptables -t filter -A FORWARD ...`.', de: 'Die Regeln sind in der nat-Tabelle gelandet; FORWARD liegt in der filter-Tabelle: `iptables -t filter -A FORWARD ...`.' } };
        if (dropped) return { passed: false, message: { en: 'Dropped by filter/FORWARD (policy DROP): add the two ACCEPT rules for 10.244.0.0/16.', de: 'Verworfen von filter/FORWARD (Policy DROP): Füg die beiden ACCEPT-Regeln für 10.244.0.0/16 hinzu.' } };
        return { passed: false, message: { en: 'Ping pod2 from pod1: `ip netns exec pod1 ping -c 1 10.244.1.3`.', de: 'Ping pod2 von pod1 aus: `ip netns exec pod1 ping -c 1 10.244.1.3`.' } };
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
        if (ok) return { passed: true, message: { en: 'The reply came back: conntrack turned 192.168.56.11 back into the pod\'s address.', de: 'Die Antwort ist zurückgekommen: conntrack hat 192.168.56.11 wieder in die Adresse des Pods übersetzt.' } };
        if (ran(sim, NODE, /-t filter .*MASQUERADE|^iptables (?!.*-t nat).*MASQUERADE/)) return { passed: false, message: { en: 'MASQUERADE lives in the nat table: `iptables -t nat -A POSTROUTING ...`.', de: 'MASQUERADE gehört in die nat-Tabelle: `iptables -t nat -A POSTROUTING ...`.' } };
        return { passed: false, message: { en: 'Add the MASQUERADE rule, then `ip netns exec pod1 ping -c 1 8.8.8.8`.', de: 'Füg die MASQUERADE-Regel hinzu, dann `ip netns exec pod1 ping -c 1 8.8.8.8`.' } };
      },
      showMe: () => ({ kind: 'script', target: NODE, commands: ['iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE', 'ip netns exec pod1 ping -c 1 8.8.8.8', 'conntrack -L'] }),
    },
  ],  de: {
    title: 'Sei das CNI-Plugin',
    summary: 'Bau von Hand, was ein CNI-Plugin baut: eine Bridge, einen Network Namespace, ein veth-Paar, Adressen, FORWARD-Regeln, MASQUERADE.',
    steps: [
      {
        title: 'Ein Cluster ohne Netzwerk',
        body:
          'Es ist kein CNI-Plugin installiert: Das kubelet meldet **NotReady** ("cni plugin not initialized"), und kein Pod kann starten. Ein CNI-Plugin ist ein Programm, das die Runtime für jeden Pod mit `CNI_COMMAND=ADD` aufruft; alles, was es tut, kannst du mit `ip`, `brctl` und `iptables` selbst tun.\n\n' +
          'Leg auf `node-1` die Bridge an, in die die Pods gesteckt werden, bring sie hoch und gib ihr die Gateway-Adresse des Pod-Subnetzes des Nodes:\n\n`brctl addbr cni0`\n`ip link set cni0 up`\n`ip addr add 10.244.1.1/24 dev cni0`',
        hint: 'Terminal-Ziel node-1. Danach zeigt `ip route | grep cni0` die Connected-Route, die der Kernel angelegt hat.',
      },
      {
        title: 'Ein Namespace und ein veth-Paar',
        body:
          'Ein Pod ist ein Network Namespace. Leg einen an und dazu ein veth-Paar, dessen eines Ende darin liegt (mit Namen `eth0`, wie die Runtime es verlangt) und dessen anderes Ende in der Bridge steckt:\n\n' +
          '`ip netns add pod1`\n`ip link add veth-pod1 type veth peer name eth0 netns pod1`\n`brctl addif cni0 veth-pod1`\n`ip link set veth-pod1 up`',
        hint: '`ip netns list` zeigt pod1; `brctl show` zeigt veth-pod1 an cni0.',
      },
      {
        title: 'Eine Adresse und ein Weg nach draußen',
        body:
          'Im Namespace ist alles down und leer. Bring `lo` und `eth0` hoch, gib `eth0` eine Adresse aus dem Subnetz des Nodes und route alles andere über die Bridge:\n\n' +
          '`ip netns exec pod1 ip link set lo up`\n`ip netns exec pod1 ip link set eth0 up`\n`ip netns exec pod1 ip addr add 10.244.1.2/24 dev eth0`\n`ip netns exec pod1 ip route add default via 10.244.1.1`\n\nDann `ip netns exec pod1 ping -c 1 10.244.1.1`: Der Node antwortet.',
        hint: 'Genau das tun das bridge-Plugin und die host-local-IPAM, und genau das geben sie im CNI-Ergebnis zurück (ips, routes).',
      },
      {
        title: 'Ein zweiter Pod und die FORWARD-Policy von Docker',
        body:
          'Bau `pod2` genauso mit `10.244.1.3` und ping ihn dann von pod1 aus. Es schlägt fehl. Auf diesen Nodes läuft Docker, und Docker setzt die Policy von **filter FORWARD** auf **DROP**; mit `net.bridge.bridge-nf-call-iptables=1` läuft sogar Traffic *über die Bridge* durch FORWARD.\n\n' +
          'Pod zu Node hat funktioniert (INPUT), Pod zu Pod nicht (FORWARD). Akzeptiere das Pod-Netzwerk in FORWARD:\n\n`iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT`\n`iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT`\n\nund ping noch einmal.',
        hint: 'Geh den fehlschlagenden Ping im Kopf durch: `iptables -L FORWARD -v -n` zeigt die Policy und die Zähler.',
      },
      {
        title: 'Raus ins Internet',
        body:
          '`ip netns exec pod1 ping -c 1 8.8.8.8` bekommt keine Antwort: Das Paket geht mit der Quelle 10.244.1.2 raus, einer privaten Adresse, zu der im Internet niemand zurückrouten kann. Maskiere Pod-Traffic, der über etwas anderes als die Bridge hinausgeht:\n\n`iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE`\n\nPing noch einmal und schau dir dann `conntrack -L` an: Der Eintrag merkt sich die Übersetzung für die Antwort.',
        hint: 'MASQUERADE schreibt die Quelle auf die Adresse des ausgehenden Interfaces um (die 192.168.56.11 von node-1).',
      },
    ],
  },
};
