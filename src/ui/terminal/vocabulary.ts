/** The words the terminal completes: command names, kubectl's verbs, resources and flags, ip objects. */

export const COMMANDS = [
  'kubectl', 'ip', 'iptables', 'iptables-save', 'ping', 'curl', 'wget', 'traceroute', 'cat', 'ls', 'brctl', 'bridge',
  'sysctl', 'conntrack', 'gcloud', 'grep', 'head', 'tail', 'wc', 'sort', 'echo', 'sleep', 'hostname', 'crictl',
  'etcdctl', 'systemctl', 'kubeadm', 'nslookup', 'dig', 'host', 'getent', 'env', 'printenv', 'watch', 'clear', 'exit', 'sudo', 'cnitool',
  'tcpdump',
].sort();

export const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'apply', 'cluster-info', 'config', 'cordon', 'create', 'delete', 'describe', 'drain',
  'edit', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'port-forward', 'rollout', 'run', 'scale', 'taint',
  'top', 'uncordon', 'version',
];

/** Verbs whose next word is a resource type. */
export const RESOURCE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'explain', 'scale', 'expose', 'rollout']);

export const KUBECTL_RESOURCES = [
  'pods', 'po', 'nodes', 'no', 'deployments', 'deploy', 'replicasets', 'rs', 'daemonsets', 'ds', 'services', 'svc',
  'endpoints', 'ep', 'endpointslices', 'configmaps', 'cm', 'secrets', 'namespaces', 'ns', 'resourcequotas', 'quota',
  'limitranges', 'limits', 'priorityclasses', 'pc', 'events', 'ev', 'leases', 'all',
];

export const KUBECTL_FLAGS = [
  '--all-namespaces', '--container', '--dry-run=client', '--filename', '--image', '--namespace', '--no-headers',
  '--output', '--port', '--replicas', '--selector', '--show-labels', '--watch', '-A', '-c', '-f', '-it', '-l', '-n', '-o', '-w',
];

export const OUTPUT_FORMATS = ['wide', 'yaml', 'json', 'name'];

export const IP_OBJECTS = ['addr', 'address', 'link', 'route', 'neigh', 'rule', 'netns', 'tunnel', 'maddr'];
export const IP_SUBCOMMANDS = ['show', 'list', 'add', 'del', 'get', 'flush'];

export const IPTABLES_FLAGS = ['-t', '-L', '-S', '-A', '-I', '-D', '-F', '-N', '-P', '-j', '-s', '-d', '-p', '-n', '-v', '--line-numbers'];
export const IPTABLES_TABLES = ['filter', 'nat', 'mangle', 'raw'];
export const IPTABLES_CHAINS = ['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING', 'KUBE-SERVICES', 'KUBE-POSTROUTING', 'FLANNEL-FWD', 'FLANNEL-POSTRTG'];

export const FILES = [
  '/etc/cni/net.d/10-flannel.conflist', '/etc/hosts', '/etc/resolv.conf', '/proc/sys/net/ipv4/ip_forward',
  '/proc/sys/net/bridge/bridge-nf-call-iptables', '/run/flannel/subnet.env', '/etc/kubernetes/manifests/',
];
