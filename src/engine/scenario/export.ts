/**
 * Export to a real cluster: a kind cluster config that matches the scenario (pod and service
 * subnets, node count, kube-proxy mode, no default CNI when flannel runs), the manifests,
 * and the CNI manifest to apply, bundled as one shell script the learner can run.
 */
import { stringify } from 'yaml';
import type { Action, Scenario } from './types';
import { CALICO_VERSION } from '../cni/calico/manifest';

export const FLANNEL_MANIFEST_URL = 'https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';
export const CALICO_MANIFEST_URL = `https://raw.githubusercontent.com/projectcalico/calico/${CALICO_VERSION}/manifests/calico.yaml`;

export interface KindExport {
  /** kind.x-k8s.io/v1alpha4 Cluster config. */
  kindConfig: string;
  /** The scenario's manifests plus every manifest applied from the editor, as multi-document YAML. */
  manifests: string;
  /** The CNI manifest to apply after the cluster is up (undefined: kind's own CNI is kept). */
  cniManifestUrl?: string;
  /** Remarks where the real cluster will differ from the simulation. */
  notes: string[];
  /** A shell script that writes the files, creates the cluster and applies everything. */
  script: string;
}

function kubeProxyMode(s: Scenario): 'iptables' | 'ipvs' | 'nftables' | 'none' {
  const m = (s.cluster as { kubeProxyMode?: unknown }).kubeProxyMode;
  return m === 'ipvs' || m === 'nftables' || m === 'none' ? m : 'iptables';
}

export function kindExport(scenario: Scenario, actions: readonly Action[] = []): KindExport {
  const c = scenario.cluster;
  const flannel = c.cni === 'flannel';
  const notes: string[] = [];
  const networking: Record<string, unknown> = {
    podSubnet: c.podCIDR,
    serviceSubnet: c.serviceCIDR,
    kubeProxyMode: kubeProxyMode(scenario),
  };
  const calico = c.cni === 'calico';
  if (flannel || calico || c.cni === 'none') networking.disableDefaultCNI = true;
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: scenario.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'playground',
    networking,
    nodes: scenario.nodes.map((n) => ({ role: n.role })),
  };
  const version = c.kubernetesVersion;
  if (flannel) {
    if (c.podCIDR !== '10.244.0.0/16' || (c.flannel?.network && c.flannel.network !== c.podCIDR)) notes.push(`edit net-conf.json in kube-flannel.yml: "Network": "${c.flannel?.network ?? c.podCIDR}"`);
    if (c.flannelBackend !== 'vxlan') notes.push(`edit net-conf.json in kube-flannel.yml: "Backend": { "Type": "${c.flannelBackend}" }`);
    if (c.nodeCIDRMaskSize !== 24) notes.push(`flannel uses the node podCIDRs the controller manager hands out (/${c.nodeCIDRMaskSize}): set kubeadmConfigPatches controllerManager extraArgs node-cidr-mask-size`);
  } else if (calico) {
    notes.push(`calico.yaml leaves CALICO_IPV4POOL_CIDR commented out: Calico then takes the cluster's pod subnet (${c.podCIDR}); set it if yours differs`);
  } else if (c.cni === 'bridge') {
    notes.push('the scenario uses the plain bridge plugin; kind keeps its own CNI (kindnet), which also routes between nodes');
  } else {
    notes.push('the scenario has no pod network: pods stay ContainerCreating until you install one');
  }
  if (scenario.nodes.some((n) => n.runtime !== 'containerd')) notes.push('kind nodes run containerd; CRI-O nodes become containerd nodes');
  notes.push(`kind picks its own node image; for ${version} use: kind create cluster --image kindest/node:${version}`);
  notes.push('node names and addresses are kind’s own (kind-control-plane, kind-worker, …), not the scenario’s');

  const steps = replaySteps(config.name, scenario, actions, notes);
  const docs = [scenario.manifests.trim(), ...actions.filter((a): a is Extract<Action, { type: 'apply' }> => a.type === 'apply').map((a) => a.manifest.trim())].filter((d) => d !== '');
  const manifests = docs.length ? docs.join('\n---\n') + '\n' : '';
  const kindConfig = `# kind cluster config for the playground scenario "${scenario.name.replace(/[\r\n]/g, ' ')}"\n${stringify(config)}`;
  const cniManifestUrl = flannel ? FLANNEL_MANIFEST_URL : calico ? CALICO_MANIFEST_URL : undefined;
  const script = [
    '#!/bin/sh',
    `# Run the playground scenario "${scenario.name.replace(/[\r\n]/g, ' ')}" on a real cluster with kind (https://kind.sigs.k8s.io).`,
    '# Needs: docker (or podman), kind, kubectl.',
    ...notes.map((n) => `# NOTE: ${n}`),
    'set -eu',
    "cat > kind-config.yaml <<'KIND_EOF'",
    kindConfig.trimEnd(),
    'KIND_EOF',
    "cat > manifests.yaml <<'MANIFESTS_EOF'",
    scenario.manifests.trimEnd(),
    'MANIFESTS_EOF',
    `kind create cluster --config kind-config.yaml --image kindest/node:${version}`,
    ...(cniManifestUrl ? [`kubectl apply -f ${cniManifestUrl}`] : []),
    'kubectl wait --for=condition=Ready nodes --all --timeout=180s',
    ...(scenario.manifests.trim() ? ['kubectl apply -f manifests.yaml'] : []),
    ...(steps.length > 0 ? ['', '# What was done in the playground, in order:', ...steps, ''] : []),
    'kubectl get pods -o wide -A',
    '',
  ].join('\n');
  return { kindConfig, manifests, cniManifestUrl, notes, script };
}

/** A command as one shell word (single quotes; an embedded quote as '\''). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** kind's container for each scenario node: NAME-control-plane, NAME-worker, NAME-worker2 ... */
function kindNodeNames(cluster: string, scenario: Scenario): Map<string, string> {
  const count = { 'control-plane': 0, worker: 0 };
  return new Map(scenario.nodes.map((n) => [n.name, `${cluster}-${n.role}${++count[n.role] > 1 ? count[n.role] : ''}`]));
}

/** Commands that only make sense at the playground's keyboard (interactive, or never ending). */
const INTERACTIVE = /^kubectl\s+(exec\s+.*-(it|ti)\b|edit\b|proxy\b|port-forward\b)|^(watch|top|less|vi|nano)\b/;

/**
 * The action log as shell lines for the real cluster: kubectl runs as is, a node's commands
 * through `docker exec` into its kind container, a pod's through `kubectl exec`, applies from the
 * editor as here-documents, waits as sleep. Traces have no real counterpart and become comments.
 */
function replaySteps(cluster: string, scenario: Scenario, actions: readonly Action[], notes: string[]): string[] {
  const nodes = kindNodeNames(cluster, scenario);
  const out: string[] = [];
  let podCommands = false;
  actions.forEach((a, i) => {
    if (a.type === 'apply') out.push(`kubectl apply -f - <<'APPLY_${i}_EOF'`, a.manifest.trimEnd(), `APPLY_${i}_EOF`);
    else if (a.type === 'sleep') out.push(`sleep ${Math.max(1, Math.round(a.ms / 1000))}`);
    else if (a.type === 'trace') out.push(`# trace ${a.from} -> ${a.to}${a.proto && a.proto !== 'icmp' ? ` (${a.proto}/${a.port})` : ''}: a playground trace, no command on a real cluster`);
    else {
      const line = a.command.replace(/[\r\n]+/g, ' ').trim();
      const kubectl = /^kubectl\b/.test(line);
      if (INTERACTIVE.test(line)) out.push(`# ${a.target}: ${line}   (interactive: run it yourself)`);
      else if (kubectl && nodes.has(a.target)) out.push(line);
      else if (nodes.has(a.target)) out.push(`docker exec ${nodes.get(a.target)} sh -c ${shellQuote(line)}`);
      else {
        const [ns, pod] = a.target.includes('/') ? a.target.split('/') : ['default', a.target];
        podCommands = true;
        out.push(`kubectl exec -n ${ns} ${pod} -- sh -c ${shellQuote(line)}`);
      }
    }
  });
  if (podCommands) notes.push('commands run in pods use the playground\'s pod names; pods of Deployments get other random names on the real cluster');
  return out;
}
