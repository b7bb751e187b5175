/**
 * Import from a real cluster: the output of `kubectl get nodes,deploy,ds,svc,cm,pods -A -o yaml`
 * (a v1 List, or several YAML documents) becomes a scenario — the nodes with their addresses,
 * roles, runtimes and podCIDRs, the cluster's pod and service ranges and CNI as far as the dump
 * shows them, and the user's workloads as manifests. What the simulation creates by itself
 * (system pods, Endpoints, ReplicaSets and pods owned by controllers, Events) is left out, and
 * every omission is reported so the learner knows what they are looking at.
 */
import { parseAllDocuments } from 'yaml';
import { toYaml } from '../api/manifest';
import { resourceForKind } from '../api/resources';
import type { KubeObject } from '../api/types';
import { invalidMessage, validateObject } from '../api/validation';
import { cidrContains, ipNumber, isCidr, isIPv4, networkOf, prefixLen } from '../net/ip';
import { defaultScenario } from './defaults';
import type { Scenario, ScenarioNode } from './types';

export const MAX_DUMP_ITEMS = 5000;

/** Namespaces whose objects come from the cluster's installers, not from the learner. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kube-flannel', 'calico-system', 'calico-apiserver', 'tigera-operator', 'local-path-storage']);
/** Kinds the simulation derives itself from the others. */
const DERIVED_KINDS = new Set(['Node', 'Event', 'Endpoints', 'EndpointSlice', 'Lease', 'ReplicaSet', 'ControllerRevision']);
const DROPPED_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deprecated.daemonset.template.generation'];

export interface DumpImport {
  scenario: Scenario;
  /** What was taken over and what was left out, one line each. */
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the text looks like Kubernetes objects (apiVersion + kind) rather than a scenario file. */
export function looksLikeClusterDump(text: string): boolean {
  return /^\s*(apiVersion|kind)\s*:/m.test(text) && !/^\s*scenario\s*:/m.test(text) && /^\s*items\s*:|^\s*metadata\s*:/m.test(text);
}

/** Every object of the dump: Lists are flattened, as `kubectl apply -f` does. */
function objectsOf(text: string, fileName: string): Obj[] {
  const out: Obj[] = [];
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${fileName}: YAML document ${i + 1} is not valid: ${doc.errors[0].message.split('\n')[0]}`);
    const v: unknown = doc.toJS({ maxAliasCount: 100 });
    if (v === null || v === undefined) return;
    if (!isObj(v)) throw new Error(`${fileName}: YAML document ${i + 1} is not an object`);
    if (v.kind === 'List' || (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items))) {
      if (!Array.isArray(v.items)) throw new Error(`${fileName}: document ${i + 1} is a List without items`);
      for (const it of v.items) if (isObj(it)) out.push(it);
    } else out.push(v);
    if (out.length > MAX_DUMP_ITEMS) throw new Error(`${fileName}: more than ${MAX_DUMP_ITEMS} objects; export fewer kinds or one namespace`);
  });
  if (out.length === 0) throw new Error(`${fileName}: no Kubernetes objects found`);
  return out;
}

const meta = (o: Obj): Obj => (isObj(o.metadata) ? o.metadata : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The smallest network (at most /maxPrefix) holding every address. */
function supernet(ips: string[], maxPrefix: number): string | undefined {
  if (ips.length === 0) return undefined;
  const nums = ips.map(ipNumber);
  let prefix = maxPrefix;
  while (prefix > 0 && new Set(nums.map((n) => n >> BigInt(32 - prefix))).size > 1) prefix--;
  return networkOf(ips[0], prefix);
}

function argValue(objs: Obj[], component: string, flag: string): string | undefined {
  for (const o of objs) {
    if (o.kind !== 'Pod' || meta(o).namespace !== 'kube-system' || (meta(o).labels as Obj | undefined)?.component !== component) continue;
    const spec = isObj(o.spec) ? o.spec : {};
    for (const c of Array.isArray(spec.containers) ? spec.containers : []) {
      for (const a of [...((c as Obj).command as unknown[] ?? []), ...((c as Obj).args as unknown[] ?? [])]) {
        if (typeof a === 'string' && a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      }
    }
  }
  return undefined;
}

function nodesOf(objs: Obj[], notes: string[]): ScenarioNode[] {
  const nodes = objs.filter((o) => o.kind === 'Node');
  if (nodes.length === 0) {
    // Without Node objects, the nodes the pods ran on, on a made-up network.
    const names = [...new Set(objs.filter((o) => o.kind === 'Pod').map((o) => str((o.spec as Obj | undefined)?.nodeName)).filter((n): n is string => !!n))].sort();
    if (names.length === 0) throw new Error('the dump has no Node objects and no pods bound to nodes: include nodes (kubectl get nodes,... -o yaml)');
    notes.push(`no Node objects in the dump: ${names.length} node(s) named after the pods' nodeName, addresses from 192.168.56.10`);
    const cp = names.find((n) => /control-plane|master/.test(n)) ?? names[0];
    return names.map((name, i) => ({ name, role: name === cp ? 'control-plane' : 'worker', ip: `192.168.56.${10 + i}`, runtime: 'containerd' }));
  }
  const out = nodes.map((n, i): ScenarioNode => {
    const m = meta(n);
    const name = str(m.name) ?? `node-${i}`;
    const labels = isObj(m.labels) ? m.labels : {};
    const status = isObj(n.status) ? n.status : {};
    const addrs = Array.isArray(status.addresses) ? (status.addresses as Obj[]) : [];
    const ip = str(addrs.find((a) => a.type === 'InternalIP' && isIPv4(String(a.address)))?.address);
    if (!ip) throw new Error(`node ${name} has no IPv4 InternalIP in status.addresses`);
    const runtime = String((status.nodeInfo as Obj | undefined)?.containerRuntimeVersion ?? '').startsWith('cri-o') ? 'cri-o' : 'containerd';
    const cp = 'node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels;
    return { name, role: cp ? 'control-plane' : 'worker', ip, runtime };
  });
  if (!out.some((n) => n.role === 'control-plane')) {
    out[0] = { ...out[0], role: 'control-plane' };
    notes.push(`no node carries the control-plane role label (a managed cluster?): ${out[0].name} plays the control plane`);
  }
  return out;
}

/** The cluster settings the dump reveals, each falling back to the playground's default. */
function clusterOf(objs: Obj[], nodes: ScenarioNode[], notes: string[]): Scenario['cluster'] {
  const base = defaultScenario().cluster;
  const nodeObjs = objs.filter((o) => o.kind === 'Node');
  const podCIDRs = nodeObjs.map((n) => str((n.spec as Obj | undefined)?.podCIDR)).filter((c): c is string => !!c && isCidr(c));
  const flannelCfg = objs.find((o) => o.kind === 'ConfigMap' && meta(o).name === 'kube-flannel-cfg');
  let netConf: Obj = {};
  try {
    netConf = JSON.parse(String((flannelCfg?.data as Obj | undefined)?.['net-conf.json'] ?? '{}')) as Obj;
  } catch {
    notes.push('kube-flannel-cfg has a net-conf.json that is not valid JSON: flannel defaults are used');
  }
  const clusterCidr = argValue(objs, 'kube-controller-manager', '--cluster-cidr');
  const podCIDR = [clusterCidr, str(netConf.Network), supernet(podCIDRs.map((c) => c.split('/')[0]), 16)].find((c) => c && isCidr(c)) ?? base.podCIDR;
  const kubernetesSvc = objs.find((o) => o.kind === 'Service' && meta(o).name === 'kubernetes' && meta(o).namespace === 'default');
  const apiIp = str((kubernetesSvc?.spec as Obj | undefined)?.clusterIP);
  const svcRange = argValue(objs, 'kube-apiserver', '--service-cluster-ip-range');
  const serviceCIDR = svcRange && isCidr(svcRange) ? svcRange : apiIp && isIPv4(apiIp) ? (cidrContains(base.serviceCIDR, apiIp) ? base.serviceCIDR : networkOf(apiIp, 16)) : base.serviceCIDR;
  const names = new Set(objs.map((o) => `${String(o.kind)}/${String(meta(o).namespace ?? '')}/${String(meta(o).name ?? '')}`));
  const has = (kind: string, ns: string, re: RegExp): boolean => [...names].some((k) => k.startsWith(`${kind}/${ns}/`) && re.test(k.split('/')[2]));
  const calico = has('DaemonSet', 'kube-system', /^calico-node$/) || has('DaemonSet', 'calico-system', /^calico-node$/) || has('Pod', 'kube-system', /^calico-node-/);
  const flannel = !!flannelCfg || has('DaemonSet', 'kube-flannel', /flannel/) || has('DaemonSet', 'kube-system', /flannel/) || has('Pod', 'kube-flannel', /flannel/);
  let cni: Scenario['cluster']['cni'] = 'flannel';
  if (calico) cni = 'calico' as Scenario['cluster']['cni'];
  else if (!flannel) notes.push('the dump shows neither flannel nor Calico: the scenario uses flannel (VXLAN)');
  const backendType = str((netConf.Backend as Obj | undefined)?.Type);
  const proxyCm = objs.find((o) => o.kind === 'ConfigMap' && meta(o).name === 'kube-proxy' && meta(o).namespace === 'kube-system');
  const mode = /^\s*mode:\s*"?(\w+)"?/m.exec(String((proxyCm?.data as Obj | undefined)?.['config.conf'] ?? ''))?.[1];
  const version = str((nodeObjs[0]?.status as Obj | undefined)?.nodeInfo && ((nodeObjs[0].status as Obj).nodeInfo as Obj).kubeletVersion);
  const mask = podCIDRs.length > 0 ? prefixLen(podCIDRs[0]) : base.nodeCIDRMaskSize;
  const cluster: Scenario['cluster'] = {
    ...base,
    podCIDR,
    serviceCIDR,
    nodeCIDRMaskSize: mask,
    cni,
    flannelBackend: backendType === 'host-gw' ? 'host-gw' : 'vxlan',
    kubernetesVersion: version && /^v\d+\.\d+\.\d+/.test(version) ? version.replace(/[^v0-9.].*$/, '') : base.kubernetesVersion,
    nodeNetwork: supernet(nodes.map((n) => n.ip), 24) ?? base.nodeNetwork,
  };
  if (mode === 'ipvs' || mode === 'nftables') (cluster as Obj).kubeProxyMode = mode;
  if (backendType && backendType !== 'vxlan' && backendType !== 'host-gw') notes.push(`flannel backend ${backendType} is not simulated: VXLAN is used`);
  return cluster;
}

/** The learner's objects, cleaned of what the apiserver and controllers fill in. */
function manifestsOf(objs: Obj[], serviceCIDR: string, notes: string[]): string {
  const skipped = new Map<string, number>();
  const skip = (why: string): void => void skipped.set(why, (skipped.get(why) ?? 0) + 1);
  const docs: string[] = [];
  for (const o of objs) {
    const kind = String(o.kind ?? '');
    const m = meta(o);
    const ns = str(m.namespace);
    if (DERIVED_KINDS.has(kind)) {
      skip(`${kind} objects (the simulation makes its own)`);
      continue;
    }
    const info = resourceForKind(kind);
    if (!info || info.apiVersion !== o.apiVersion) {
      skip(`${kind || 'objects without a kind'} (${String(o.apiVersion ?? '?')}: not simulated)`);
      continue;
    }
    if ((ns && SYSTEM_NAMESPACES.has(ns)) || (kind === 'Namespace' && (SYSTEM_NAMESPACES.has(String(m.name)) || m.name === 'default'))) {
      skip('system objects (kube-system, kube-flannel, ...: the simulation runs its own)');
      continue;
    }
    if (Array.isArray(m.ownerReferences) && m.ownerReferences.length > 0) {
      skip('objects owned by a controller (pods of Deployments, DaemonSets ...: recreated by them)');
      continue;
    }
    if ((kind === 'Service' && m.name === 'kubernetes' && ns === 'default') || (kind === 'ConfigMap' && m.name === 'kube-root-ca.crt') || (kind === 'PriorityClass' && String(m.name).startsWith('system-'))) {
      skip('objects every cluster has (the kubernetes Service, kube-root-ca.crt ...)');
      continue;
    }
    const clean = structuredClone(o) as Obj & { metadata: Obj };
    delete clean.status;
    for (const k of DROPPED_METADATA) delete clean.metadata[k];
    if (isObj(clean.metadata.annotations)) {
      for (const a of DROPPED_ANNOTATIONS) delete clean.metadata.annotations[a];
      if (Object.keys(clean.metadata.annotations).length === 0) delete clean.metadata.annotations;
    }
    if (kind === 'Service' && isObj(clean.spec)) {
      const spec = clean.spec;
      // A ClusterIP outside the simulated range would be refused; a new one is allocated then.
      if (typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None' && !(isIPv4(spec.clusterIP) && cidrContains(serviceCIDR, spec.clusterIP))) delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    const errs = validateObject(clean as unknown as KubeObject);
    if (errs.length > 0) {
      notes.push(`left out ${kind} ${ns ? `${ns}/` : ''}${String(m.name)}: ${invalidMessage(kind, String(m.name), errs)}`);
      continue;
    }
    docs.push(toYaml(clean).trimEnd());
  }
  for (const [why, n] of [...skipped].sort()) notes.push(`left out ${n} ${why}`);
  return docs.length > 0 ? docs.join('\n---\n') + '\n' : '';
}

export function importClusterDump(text: string, fileName = 'dump.yaml'): DumpImport {
  const objs = objectsOf(text, fileName);
  const notes: string[] = [];
  const nodes = nodesOf(objs, notes);
  const cluster = clusterOf(objs, nodes, notes);
  const manifests = manifestsOf(objs, cluster.serviceCIDR, notes);
  const kept = manifests === '' ? 0 : manifests.split('\n---\n').length;
  notes.unshift(`imported ${nodes.length} node(s) and ${kept} object(s) from ${fileName}: pod network ${cluster.podCIDR}, services ${cluster.serviceCIDR}, CNI ${cluster.cni}`);
  const name = fileName.replace(/\.(ya?ml|json)$/i, '').slice(0, 60) || 'imported';
  return { scenario: { name: `imported: ${name}`, seed: 1, cluster, nodes, manifests }, notes };
}
