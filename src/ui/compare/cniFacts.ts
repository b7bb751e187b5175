/**
 * The CNI comparison next to "flannel ↔ Calico": the two plugins the playground simulates and
 * the two the course notes also name (Weave Net, Romana), which it only explains. All four give
 * every pod a routable IP without NAT (the Kubernetes network model); they differ in how.
 * Text in both UI languages, like the lessons' `de` blocks.
 */
export type Cni = 'flannel' | 'calico' | 'weave' | 'romana';
export interface Text {
  en: string;
  de: string;
}

export const CNI_COLUMNS: { id: Cni; name: string; simulated: boolean }[] = [
  { id: 'flannel', name: 'flannel', simulated: true },
  { id: 'calico', name: 'Calico', simulated: true },
  { id: 'weave', name: 'Weave Net', simulated: false },
  { id: 'romana', name: 'Romana', simulated: false },
];

export const CNI_TITLE: Text = {
  en: 'How CNI plugins make pod IPs routable',
  de: 'Wie CNI-Plugins Pod-IPs routbar machen',
};

export const CNI_INTRO: Text = {
  en: 'All four give every pod an address that every other pod and node reaches without NAT. flannel and Calico run here; Weave Net and Romana (*) are explained, not simulated.',
  de: 'Alle vier geben jedem Pod eine Adresse, die jeder andere Pod und Node ohne NAT erreicht. flannel und Calico laufen hier; Weave Net und Romana (*) werden erklärt, nicht simuliert.',
};

export const CNI_ROWS: { id: string; label: Text; cells: Record<Cni, Text> }[] = [
  {
    id: 'datapath',
    label: { en: 'To a pod on another node', de: 'Zu einem Pod auf einem anderen Node' },
    cells: {
      flannel: {
        en: 'Routes to each node’s podCIDR: VXLAN overlay (flannel.1, UDP 8472) or host-gw (a plain route via the other node, same L2 network only).',
        de: 'Routen zum podCIDR jedes Nodes: VXLAN-Overlay (flannel.1, UDP 8472) oder host-gw (eine normale Route über den anderen Node, nur im selben L2-Netz).',
      },
      calico: {
        en: 'Routes to each node’s /26 blocks, learned over BGP (BIRD, full mesh); IP-in-IP, VXLAN or no encapsulation.',
        de: 'Routen zu den /26-Blöcken jedes Nodes, per BGP gelernt (BIRD, Full Mesh); IP-in-IP, VXLAN oder ohne Kapselung.',
      },
      weave: {
        en: 'One flat layer-2 network across all nodes: a weave bridge per node, joined by a mesh of weave routers. fastdp (the kernel’s Open vSwitch datapath, VXLAN on UDP 6784) or sleeve (UDP 6783, encapsulated in user space) when fastdp is not available.',
        de: 'Ein flaches Layer-2-Netz über alle Nodes: eine weave-Bridge pro Node, verbunden durch ein Mesh von weave-Routern. fastdp (der Open-vSwitch-Datenpfad des Kernels, VXLAN auf UDP 6784) oder sleeve (UDP 6783, im Userspace gekapselt), wenn fastdp nicht verfügbar ist.',
      },
      romana: {
        en: 'No overlay and no encapsulation: plain layer-3 routes on the hosts, and routes advertised to the network’s routers (BGP/OSPF) for other subnets.',
        de: 'Kein Overlay, keine Kapselung: normale Layer-3-Routen auf den Hosts und an die Router des Netzes verteilte Routen (BGP/OSPF) für andere Subnetze.',
      },
    },
  },
  {
    id: 'ipam',
    label: { en: 'Pod addresses (IPAM)', de: 'Pod-Adressen (IPAM)' },
    cells: {
      flannel: {
        en: 'host-local from the node’s spec.podCIDR (a /24 per node, handed out by kube-controller-manager).',
        de: 'host-local aus spec.podCIDR des Nodes (ein /24 pro Node, vergeben vom kube-controller-manager).',
      },
      calico: {
        en: 'calico-ipam: /26 blocks that nodes claim on demand from the IP pool; a busy node takes more blocks.',
        de: 'calico-ipam: /26-Blöcke, die Nodes bei Bedarf aus dem IP-Pool beanspruchen; ein voller Node nimmt weitere Blöcke.',
      },
      weave: {
        en: 'Its own IPAM: one range (default 10.32.0.0/12) shared out among the peers by agreement (a CRDT); the node’s podCIDR is not used.',
        de: 'Eigenes IPAM: ein Bereich (Standard 10.32.0.0/12), den die Peers per Übereinkunft (ein CRDT) unter sich aufteilen; das podCIDR des Nodes wird nicht genutzt.',
      },
      romana: {
        en: 'Topology-aware: small address blocks (/29 by default) follow the network’s topology (hosts grouped by subnet or rack), so one route can cover a whole group.',
        de: 'Topologiebewusst: kleine Adressblöcke (standardmäßig /29) folgen der Netztopologie (Hosts nach Subnetz oder Rack gruppiert), sodass eine Route eine ganze Gruppe abdeckt.',
      },
    },
  },
  {
    id: 'routes',
    label: { en: 'What `ip route` shows on a node', de: 'Was `ip route` auf einem Node zeigt' },
    cells: {
      flannel: {
        en: 'One route per other node: `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink` (VXLAN) or `via <node IP> dev eth0` (host-gw).',
        de: 'Eine Route pro anderem Node: `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink` (VXLAN) oder `via <node IP> dev eth0` (host-gw).',
      },
      calico: {
        en: 'A /32 per local pod (`dev cali…`) and one route per remote block, `proto bird` (via tunl0 with IP-in-IP).',
        de: 'Ein /32 pro lokalem Pod (`dev cali…`) und eine Route pro entferntem Block, `proto bird` (über tunl0 bei IP-in-IP).',
      },
      weave: {
        en: 'One connected route for the whole range on the bridge (`10.32.0.0/12 dev weave`): remote pods are found by ARP across the mesh, not by routes.',
        de: 'Eine direkte Route für den ganzen Bereich auf der Bridge (`10.32.0.0/12 dev weave`): entfernte Pods findet ARP über das Mesh, nicht Routen.',
      },
      romana: {
        en: 'A route per address block of the other hosts in the same subnet (via that host); blocks elsewhere through the default gateway, where aggregated routes take over.',
        de: 'Eine Route pro Adressblock der anderen Hosts im selben Subnetz (über diesen Host); Blöcke anderswo über das Default-Gateway, wo zusammengefasste Routen übernehmen.',
      },
    },
  },
  {
    id: 'policy',
    label: { en: 'NetworkPolicy', de: 'NetworkPolicy' },
    cells: {
      flannel: {
        en: 'Not enforced: flannel has no policy engine (policies are stored and ignored; Canal = flannel + Calico’s policy).',
        de: 'Nicht durchgesetzt: flannel hat keine Policy-Engine (Policies werden gespeichert und ignoriert; Canal = flannel + Calicos Policy).',
      },
      calico: {
        en: 'Enforced by Felix on every node with iptables chains (cali-…) and ipsets, or eBPF.',
        de: 'Durchgesetzt von Felix auf jedem Node mit iptables-Chains (cali-…) und ipsets, oder eBPF.',
      },
      weave: {
        en: 'Enforced by weave-npc (a second container of the weave-net DaemonSet) with iptables and ipsets.',
        de: 'Durchgesetzt von weave-npc (ein zweiter Container des weave-net-DaemonSets) mit iptables und ipsets.',
      },
      romana: {
        en: 'Enforced by the Romana agent on each host with iptables.',
        de: 'Durchgesetzt vom Romana-Agenten auf jedem Host mit iptables.',
      },
    },
  },
  {
    id: 'status',
    label: { en: 'Status', de: 'Status' },
    cells: {
      flannel: { en: 'Maintained (flannel-io). Simulated here: the default.', de: 'Gepflegt (flannel-io). Hier simuliert: der Standard.' },
      calico: { en: 'Maintained (Project Calico). Simulated here: preset calico.', de: 'Gepflegt (Project Calico). Hier simuliert: Preset calico.' },
      weave: {
        en: 'No longer maintained: Weaveworks closed in 2024 and the repository is archived. Explained only.',
        de: 'Nicht mehr gepflegt: Weaveworks hat 2024 geschlossen, das Repository ist archiviert. Nur erklärt.',
      },
      romana: { en: 'Inactive for years (the 2.0 line was its last). Explained only.', de: 'Seit Jahren inaktiv (die 2.0-Reihe war die letzte). Nur erklärt.' },
    },
  },
];
