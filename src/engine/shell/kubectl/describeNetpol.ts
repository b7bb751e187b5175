/** kubectl describe networkpolicy (describeNetworkPolicySpec in k8s.io/kubectl/pkg/describe). */
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../../api/types';
import { selectorText } from './selector';

const hasRules = (s: NetworkPolicy['spec']['podSelector']): boolean => Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0;

function portLines(ports: NetworkPolicyPort[] | undefined, ind: string): string[] {
  if (!ports || ports.length === 0) return [`${ind}To Port: <any> (traffic allowed to all ports)`];
  return ports.map((p) => `${ind}To Port: ${p.port === undefined ? '<any>' : String(p.port)}${p.endPort !== undefined ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`);
}

function peerLines(peers: NetworkPolicyPeer[] | undefined, ind: string, title: 'From' | 'To'): string[] {
  if (!peers || peers.length === 0) return [`${ind}${title}: <any> (traffic not restricted by ${title === 'From' ? 'source' : 'destination'})`];
  const out: string[] = [];
  for (const p of peers) {
    out.push(`${ind}${title}:`);
    if (p.namespaceSelector) out.push(`${ind}  NamespaceSelector: ${selectorText(p.namespaceSelector)}`);
    if (p.podSelector) out.push(`${ind}  PodSelector: ${selectorText(p.podSelector)}`);
    if (p.ipBlock) out.push(`${ind}  IPBlock:`, `${ind}    CIDR: ${p.ipBlock.cidr}`, `${ind}    Except: ${(p.ipBlock.except ?? []).join(', ')}`);
  }
  return out;
}

function rules(list: { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[], title: 'From' | 'To', isolated: string): string[] {
  const ind = '    ';
  if (list.length === 0) return [`${ind}${isolated}`];
  return list.flatMap((r, i) => [...portLines(r.ports, ind), ...peerLines(r.peers, ind, title), ...(i < list.length - 1 ? [`${ind}----------`] : [])]);
}

/** The Spec: block after Name/Namespace/Created on/Labels/Annotations. */
export function networkPolicySpecLines(np: NetworkPolicy): string[] {
  const s = np.spec;
  const types = s.policyTypes ?? ['Ingress'];
  const out = ['Spec:', `  PodSelector:     ${hasRules(s.podSelector) ? selectorText(s.podSelector) : '<none> (Allowing the specific traffic to all pods in this namespace)'}`];
  if (types.includes('Ingress')) out.push('  Allowing ingress traffic:', ...rules((s.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })), 'From', '<none> (Selected pods are isolated for ingress connectivity)'));
  else out.push('  Not affecting ingress traffic');
  if (types.includes('Egress')) out.push('  Allowing egress traffic:', ...rules((s.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports })), 'To', '<none> (Selected pods are isolated for egress connectivity)'));
  else out.push('  Not affecting egress traffic');
  out.push(`  Policy Types: ${types.join(', ')}`);
  return out;
}

/** metav1.Time's String(): 2026-01-05 09:00:01 +0000 UTC. */
export function goTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC` : '<unset>';
}
