/** Ingress and IngressClass validation as the apiserver does it (pkg/apis/networking/validation). */
import type { KubeObject } from '../api/types';
import type { FieldError } from '../api/validation';
import type { Ingress, IngressBackend, IngressClass } from './types';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateBackend(b: IngressBackend | undefined, f: string): FieldError[] {
  if (!b) return [{ field: f, detail: 'Required value' }];
  const errs: FieldError[] = [];
  if (b.service && b.resource) errs.push({ field: f, detail: 'Invalid value: "": cannot set both resource and service backends' });
  if (!b.service && !b.resource) errs.push({ field: f, detail: 'Invalid value: "": resource or service backend is required' });
  const s = b.service;
  if (s) {
    if (!s.name) errs.push({ field: `${f}.service.name`, detail: 'Required value' });
    const port = s.port ?? {};
    if (port.name && port.number !== undefined) errs.push({ field: `${f}.service.port`, detail: 'Invalid value: "": cannot set both port name & port number' });
    else if (port.number !== undefined && (!Number.isInteger(port.number) || port.number < 1 || port.number > 65535)) errs.push({ field: `${f}.service.port.number`, detail: `Invalid value: ${port.number}: must be between 1 and 65535, inclusive` });
    else if (!port.name && port.number === undefined) errs.push({ field: `${f}.service.port.name`, detail: 'Required value: port name or number is required' });
  }
  return errs;
}

export function validateIngress(obj: KubeObject): FieldError[] {
  const ing = obj as Ingress;
  const errs: FieldError[] = [];
  const spec = ing.spec ?? {};
  if (!spec.defaultBackend && (spec.rules ?? []).length === 0) errs.push({ field: 'spec', detail: 'Invalid value: "": either `defaultBackend` or `rules` must be specified' });
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  (spec.rules ?? []).forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    if (r.host !== undefined) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(r.host)) errs.push({ field: `${f}.host`, detail: `Invalid value: "${r.host}": must be a DNS name, not an IP address` });
      else if (!DNS1123.test(r.host.replace(/^\*\./, ''))) errs.push({ field: `${f}.host`, detail: `Invalid value: "${r.host}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` });
    }
    if (r.http && (r.http.paths ?? []).length === 0) errs.push({ field: `${f}.http.paths`, detail: 'Required value' });
    (r.http?.paths ?? []).forEach((p, j) => {
      const pf = `${f}.http.paths[${j}]`;
      if (!p.pathType) errs.push({ field: `${pf}.pathType`, detail: 'Required value: pathType must be specified' });
      else if (!PATH_TYPES.includes(p.pathType)) errs.push({ field: `${pf}.pathType`, detail: `Unsupported value: "${p.pathType}": supported values: ${PATH_TYPES.map((x) => `"${x}"`).join(', ')}` });
      if (p.path !== undefined && !p.path.startsWith('/')) errs.push({ field: `${pf}.path`, detail: `Invalid value: "${p.path}": must be an absolute path` });
      errs.push(...validateBackend(p.backend, `${pf}.backend`));
    });
  });
  return errs;
}

export function validateIngressClass(obj: KubeObject): FieldError[] {
  const c = obj as IngressClass;
  const ctl = c.spec?.controller;
  if (!ctl) return [{ field: 'spec.controller', detail: 'Required value' }];
  if (!/^[a-z0-9.-]+\/[A-Za-z0-9._\-/]+$/.test(ctl)) return [{ field: 'spec.controller', detail: `Invalid value: "${ctl}": must be a domain-prefixed path (such as "acme.io/foo")` }];
  return [];
}
