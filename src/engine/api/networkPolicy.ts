/**
 * NetworkPolicy defaulting and validation as the apiserver does them
 * (pkg/apis/networking/v1 defaults, pkg/apis/networking/validation): policyTypes default to
 * Ingress, plus Egress when egress rules are given; ports default to TCP.
 */
import { cidrContains, isCidr, prefixLen } from '../net/ip';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from './types';
import type { FieldError } from './validation';

export function defaultNetworkPolicy(np: NetworkPolicy): void {
  np.spec ??= { podSelector: {} };
  np.spec.podSelector ??= {};
  if (!np.spec.policyTypes || np.spec.policyTypes.length === 0) {
    np.spec.policyTypes = np.spec.egress && np.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const r of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
}

const supported = (field: string, v: unknown, values: string[]): FieldError => ({ field, detail: `Unsupported value: "${String(v)}": supported values: ${values.map((x) => `"${x}"`).join(', ')}` });

function validatePort(p: NetworkPolicyPort, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(supported(`${f}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  if (typeof p.port === 'number') {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) errs.push({ field: `${f}.port`, detail: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive` });
  } else if (typeof p.port === 'string') {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.port) || p.port.length > 15 || !/[a-z]/.test(p.port)) {
      errs.push({ field: `${f}.port`, detail: `Invalid value: "${p.port}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)` });
    }
  }
  if (p.endPort !== undefined) {
    if (p.port === undefined) errs.push({ field: `${f}.endPort`, detail: 'Required value: may not be specified when `port` is not specified' });
    else if (typeof p.port === 'string') errs.push({ field: `${f}.endPort`, detail: 'Required value: may not be specified when `port` is non-numeric' });
    else if (p.endPort < p.port) errs.push({ field: `${f}.endPort`, detail: `Invalid value: ${p.endPort}: must be greater than or equal to \`port\`` });
  }
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, f: string): FieldError[] {
  const set = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((x) => x !== undefined).length;
  if (set === 0) return [{ field: f, detail: 'Required value: must specify a peer' }];
  if (peer.ipBlock && set > 1) return [{ field: f, detail: 'Forbidden: may not specify both ipBlock and another peer' }];
  if (!peer.ipBlock) return [];
  const { cidr, except } = peer.ipBlock;
  if (typeof cidr !== 'string' || !isCidr(cidr)) return [{ field: `${f}.ipBlock.cidr`, detail: `Invalid value: "${String(cidr)}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` }];
  const errs: FieldError[] = [];
  (except ?? []).forEach((e, i) => {
    const ef = `${f}.ipBlock.except[${i}]`;
    if (typeof e !== 'string' || !isCidr(e)) errs.push({ field: ef, detail: `Invalid value: "${String(e)}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` });
    else if (!cidrContains(cidr, e.split('/')[0]) || prefixLen(e) <= prefixLen(cidr)) errs.push({ field: ef, detail: `Invalid value: "${e}": must be a strict subset of \`cidr\`` });
  });
  return errs;
}

export function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  const errs: FieldError[] = [];
  const spec = np.spec ?? { podSelector: {} };
  (spec.policyTypes ?? []).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(supported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  if ((spec.policyTypes ?? []).length > 2) errs.push({ field: 'spec.policyTypes', detail: `Invalid value: ${JSON.stringify(spec.policyTypes)}: may not have more than 2 values` });
  (spec.ingress ?? []).forEach((r, i) => {
    (r.ports ?? []).forEach((p, j) => errs.push(...validatePort(p, `spec.ingress[${i}].ports[${j}]`)));
    (r.from ?? []).forEach((p, j) => errs.push(...validatePeer(p, `spec.ingress[${i}].from[${j}]`)));
  });
  (spec.egress ?? []).forEach((r, i) => {
    (r.ports ?? []).forEach((p, j) => errs.push(...validatePort(p, `spec.egress[${i}].ports[${j}]`)));
    (r.to ?? []).forEach((p, j) => errs.push(...validatePeer(p, `spec.egress[${i}].to[${j}]`)));
  });
  return errs;
}
