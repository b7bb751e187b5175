/**
 * Ready-made scenarios: the basic cluster, an empty one to build networking by hand, and
 * the classic breakages from the course notes. A broken preset is a normal scenario plus
 * setup actions (the commands that broke it), so it replays and shares like any other.
 */
import type { PresetInfo } from '../sim/snapshot';
import { defaultScenario } from './defaults';
import type { Action, Scenario } from './types';
import { INGRESS_NGINX_URLS } from '../ingress/manifest';

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

/** The second backend of the ingress preset: hashicorp/http-echo answers with its -text. */
const INGRESS_DEMO_APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, labels: {app: cart}}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers:
      - {name: http-echo, image: hashicorp/http-echo:1.0, args: ["-text=cart"]}
---
apiVersion: v1
kind: Service
metadata: {name: cart}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: 5678}]
`;

const onNodes = (nodes: string[], ...commands: string[]): Action[] => nodes.flatMap((target) => commands.map((command) => ({ type: 'exec' as const, target, command })));

/** `kubectl patch` of kube-flannel-cfg's cni-conf.json, with `extra` added to the flannel delegate. */
function flannelCniConf(extra: string): string {
  const delegate = `{\\"hairpinMode\\": true, \\"isDefaultGateway\\": true${extra ? `, ${extra.replace(/"/g, '\\"')}` : ''}}`;
  const conf = `{\\"name\\": \\"cbr0\\", \\"cniVersion\\": \\"0.3.1\\", \\"plugins\\": [{\\"type\\": \\"flannel\\", \\"delegate\\": ${delegate}}, {\\"type\\": \\"portmap\\", \\"capabilities\\": {\\"portMappings\\": true}}]}`;
  return `kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge -p '{"data":{"cni-conf.json":"${conf}"}}'`;
}

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
    summary: 'No network plugin: the nodes are NotReady. Build pod networking by hand with brctl, ip netns, veth pairs, iptables. Docker is installed on the workers (FORWARD policy DROP).',
    build: () => ({
      scenario: scenario('no-cni', (s) => {
        s.cluster.cni = 'none';
        s.manifests = '';
      }),
      setup: onNodes(WORKERS, 'iptables -P FORWARD DROP'),
    }),
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
  {
    id: 'host-gw',
    title: 'flannel host-gw: routes instead of a tunnel',
    category: 'basics',
    summary: 'The same cluster with flannel\'s host-gw backend: no flannel.1, no encapsulation — each node routes the others\' pod subnets via their node IPs.',
    build: () => ({ scenario: scenario('host-gw', (s) => (s.cluster.flannelBackend = 'host-gw')), setup: [] }),
  },
  {
    id: 'cri-o-node',
    title: 'Two container runtimes: containerd and CRI-O',
    category: 'basics',
    summary: 'The same cluster, but node-2 runs CRI-O instead of containerd. The kubelet talks CRI to either; kubectl and crictl work the same on both.',
    build: () => ({ scenario: scenario('cri-o-node', (s) => (s.nodes[2].runtime = 'cri-o')), setup: [] }),
  },
  {
    id: 'vagrant-flannel',
    title: 'The Vagrant flannel trap',
    category: 'broken',
    summary: 'Three VirtualBox VMs made by Vagrant: enp0s3 is the NAT interface (10.0.2.15 on every VM, the default route), enp0s8 the host-only network with the node addresses.',
    symptom: 'Pods on the same node talk; pods on different nodes never do, although every node is Ready.',
    hint: 'Compare the flannel.alpha.coreos.com/public-ip annotations of the nodes (`kubectl get nodes -o yaml | grep public-ip`). Which interface did flannel pick, and why?',
    build: () => ({ scenario: scenario('vagrant-flannel', (s) => (s.cluster.topology = 'vagrant')), setup: [] }),
    fix: [
      { type: 'exec', target: 'control-plane', command: `kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=enp0s8"}]'` },
      { type: 'sleep', ms: 30_000 },
    ],
  },
  {
    id: 'host-gw-l3',
    title: 'host-gw across a router',
    category: 'broken',
    summary: 'flannel host-gw, but node-2 sits in another subnet (192.168.57.0/24) behind the router.',
    symptom: 'Pods on node-1 reach pods on the control plane but not on node-2 — and the other way round.',
    hint: 'Look at `ip route` on node-1: is there a route for node-2\'s pod subnet? What does host-gw need from the network between the nodes?',
    build: () => ({
      scenario: scenario('host-gw-l3', (s) => {
        s.cluster.flannelBackend = 'host-gw';
        s.cluster.extraNetworks = ['192.168.57.0/24'];
        s.nodes[2].ip = '192.168.57.12';
      }),
      setup: [],
    }),
  },
  {
    id: 'no-routes',
    title: 'No routes between the hosts',
    category: 'broken',
    summary: 'No flannel: each node runs the plain bridge plugin on its own podCIDR (10-bridge.conf). Pods get addresses, but nobody routes the pod subnets between the nodes.',
    symptom: 'Pods on the same node talk; a pod on another node never answers.',
    hint: 'Trace to a pod on another node: where does the packet go after it leaves the node? Then add a route per pod subnet — on each node (`ip route add ... via NODE_IP`), or once in the cloud (`gcloud compute routes create ... --next-hop-address NODE_IP`).',
    build: () => ({ scenario: scenario('no-routes', (s) => (s.cluster.cni = 'bridge')), setup: [] }),
    fix: [
      { type: 'exec', target: 'node-1', command: 'gcloud compute routes create k8s-control-plane --network k8s --destination-range 10.244.0.0/24 --next-hop-address 192.168.56.10' },
      { type: 'exec', target: 'node-1', command: 'gcloud compute routes create k8s-node-1 --network k8s --destination-range 10.244.1.0/24 --next-hop-address 192.168.56.11' },
      { type: 'exec', target: 'node-1', command: 'gcloud compute routes create k8s-node-2 --network k8s --destination-range 10.244.2.0/24 --next-hop-address 192.168.56.12' },
    ],
  },
  {
    id: 'flannel-network-mismatch',
    title: "flannel's Network does not match the pod CIDR",
    category: 'broken',
    summary: 'kube-flannel-cfg says "Network": "10.245.0.0/16", but the cluster hands out podCIDRs from 10.244.0.0/16.',
    symptom: 'Nodes are Ready, yet new pods hang in ContainerCreating.',
    hint: '`kubectl describe pod` shows the sandbox error; `cat /run/flannel/subnet.env` on a node. Compare net-conf.json with the node\'s podCIDR.',
    build: () => ({ scenario: scenario('flannel-network-mismatch', (s) => (s.cluster.flannel = { network: '10.245.0.0/16' })), setup: [] }),
    fix: [
      { type: 'exec', target: 'control-plane', command: `kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge -p '{"data":{"net-conf.json":"{\\"Network\\": \\"10.244.0.0/16\\", \\"Backend\\": {\\"Type\\": \\"vxlan\\"}}"}}'` },
      { type: 'exec', target: 'control-plane', command: 'kubectl delete pod -n kube-flannel -l app=flannel' },
      { type: 'sleep', ms: 20_000 },
    ],
  },
  {
    id: 'spare-machine',
    title: 'Join a new machine with kubeadm',
    category: 'basics',
    summary: 'One control plane and one worker; node-2 is a fresh machine with containerd and a stopped kubelet. Join it with `kubeadm join` and watch kube-proxy and flannel land on it.',
    build: () => ({
      scenario: scenario('spare-machine', (s) => {
        s.nodes[2].joined = false;
      }),
      setup: [],
    }),
  },
  {
    id: 'ipvs',
    title: 'kube-proxy in ipvs mode',
    category: 'basics',
    summary: 'The same cluster with kube-proxy\'s mode: ipvs. Every ClusterIP is bound to kube-ipvs0 on each node, Services are IPVS virtual servers (`ipvsadm -Ln`) and iptables only matches ipsets (`ipset list KUBE-CLUSTER-IP`).',
    build: () => ({ scenario: scenario('ipvs', (s) => (s.cluster.kubeProxyMode = 'ipvs')), setup: [] }),
  },
  {
    id: 'nftables',
    title: 'kube-proxy in nftables mode',
    category: 'basics',
    summary: 'The same cluster with kube-proxy\'s mode: nftables. kube-proxy owns one table, `ip kube-proxy`: a verdict map (`nft list map ip kube-proxy service-ips`) sends each ClusterIP:port to its service chain, numgen picks an endpoint chain that DNATs, and a ping to a ClusterIP is rejected by `cluster-ips-check` (`nft list ruleset`).',
    build: () => ({ scenario: scenario('nftables', (s) => (s.cluster.kubeProxyMode = 'nftables')), setup: [] }),
  },
  {
    id: 'calico',
    title: 'Three-node cluster with Calico',
    category: 'basics',
    summary: 'The same cluster with Calico instead of flannel: calico-node on every node, a /26 IPAM block per node, cali interfaces with proxy ARP, BIRD routes over IPIP (tunl0), and felix enforcing NetworkPolicy in iptables (`iptables-save -t filter | grep cali`, `ipset list`, `calicoctl node status`).',
    build: () => ({ scenario: scenario('calico', (s) => (s.cluster.cni = 'calico')), setup: [] }),
  },
  {
    id: 'ingress',
    title: 'Ingress with ingress-nginx',
    category: 'basics',
    summary: 'ingress-nginx installed from its release manifest behind a NodePort Service, and an Ingress routing shop.example.com/ to web and /cart to an http-echo Service. Try `curl -H \'Host: shop.example.com\' http://192.168.56.11:NODEPORT/cart` on a node and `kubectl logs -n ingress-nginx deploy/ingress-nginx-controller`.',
    build: () => ({
      scenario: scenario('ingress'),
      setup: [
        { type: 'exec', target: 'control-plane', command: 'kubectl expose deployment web --port=80' },
        { type: 'apply', manifest: INGRESS_DEMO_APP },
        { type: 'exec', target: 'control-plane', command: `kubectl apply -f ${INGRESS_NGINX_URLS.baremetal}` },
        { type: 'exec', target: 'control-plane', command: 'kubectl create ingress shop --class=nginx --rule=shop.example.com/*=web:80 --rule=shop.example.com/cart*=cart:80' },
        { type: 'sleep', ms: 30_000 },
      ],
    }),
  },
  {
    id: 'mtu-mismatch',
    title: 'Pod MTU larger than the VXLAN overlay allows',
    category: 'broken',
    summary: 'Someone added "mtu": 1500 to the flannel delegate in kube-flannel-cfg\'s cni-conf.json, so new pods get eth0 with MTU 1500 while flannel.1 (VXLAN) carries at most 1450.',
    symptom: 'Small pings between web pods on different nodes work; full-size packets (ping -s 1472) vanish.',
    hint: 'Compare `ip link` in a web pod with `ip link show flannel.1` on its node, and trace a big ping: which hop refuses it? Remove "mtu" from the delegate (flannel then takes FLANNEL_MTU from /run/flannel/subnet.env), restart flannel so install-cni copies the config again, and recreate the pods.',
    build: () => ({
      scenario: scenario('mtu-mismatch'),
      setup: [
        { type: 'exec', target: 'control-plane', command: flannelCniConf('"mtu": 1500') },
        { type: 'exec', target: 'control-plane', command: 'kubectl delete pod -n kube-flannel -l app=flannel' },
        { type: 'sleep', ms: 20_000 },
        { type: 'exec', target: 'control-plane', command: 'kubectl delete pod -l app=web' },
        { type: 'sleep', ms: 20_000 },
      ],
    }),
    fix: [
      { type: 'exec', target: 'control-plane', command: flannelCniConf('') },
      { type: 'exec', target: 'control-plane', command: 'kubectl delete pod -n kube-flannel -l app=flannel' },
      { type: 'sleep', ms: 20_000 },
      { type: 'exec', target: 'control-plane', command: 'kubectl delete pod -l app=web' },
      { type: 'sleep', ms: 20_000 },
    ],
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function presetInfos(): PresetInfo[] {
  return PRESETS.map(({ id, title, category, summary, symptom, hint }) => ({ id, title, category, summary, symptom, hint }));
}
