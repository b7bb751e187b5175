/**
 * Object validation as the apiserver does it (pkg/apis/core/validation and friends): each problem is a
 * field error printed as `spec.containers[0].image: Required value`.
 */
import type {
  Container,
  DaemonSet,
  Deployment,
  IntOrString,
  KubeObject,
  LabelSelector,
  LimitRange,
  Pod,
  PodSpec,
  PriorityClass,
  ReplicaSet,
  ResourceQuota,
  Service,
  ConfigMap,
  Secret,
} from './types';
import { isQuantity, parseQuantity } from './quantity';
import { validateNetworkPolicy } from './networkPolicy';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePodVolumes, validateStorageClass } from './storage';
import { validateHpa, validatePdb } from './scaling';
import { validateIngress, validateIngressClass } from '../ingress/validation';

/** One field error, printed the way the apiserver does: `spec.containers[0].image: Required value`. */
export interface FieldError {
  field: string;
  detail: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export function validateName(name: unknown, field = 'metadata.name'): FieldError[] {
  if (typeof name !== 'string' || name === '') return [{ field, detail: 'Required value: name or generateName is required' }];
  if (name.length > 253) return [{ field, detail: `Invalid value: "${name.slice(0, 40)}...": must be no more than 253 characters` }];
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return [
      {
        field,
        detail:
          `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', ` +
          `and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is ` +
          `'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      },
    ];
  }
  return [];
}

function validateLabelName(name: unknown, field: string): FieldError[] {
  if (typeof name !== 'string' || name === '') return [{ field, detail: 'Required value: name or generateName is required' }];
  if (name.length > 63 || !DNS1123_LABEL.test(name)) {
    return [
      {
        field,
        detail:
          `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ` +
          `(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      },
    ];
  }
  return [];
}

function validateServiceName(name: unknown, field: string): FieldError[] {
  if (typeof name !== 'string' || name === '') return [{ field, detail: 'Required value: name or generateName is required' }];
  if (name.length > 63 || !DNS1035_LABEL.test(name)) {
    return [
      {
        field,
        detail:
          `Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character ` +
          `(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      },
    ];
  }
  return [];
}

function supported(field: string, value: unknown, values: string[]): FieldError {
  return { field, detail: `Unsupported value: "${String(value)}": supported values: ${values.map((v) => `"${v}"`).join(', ')}` };
}

function validateResources(c: Container, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const [kind, list] of [['requests', req], ['limits', lim]] as const) {
    for (const [k, v] of Object.entries(list)) {
      if (!isQuantity(v)) errs.push({ field: `${f}.resources.${kind}[${k}]`, detail: `Invalid value: "${String(v)}": must be a valid quantity` });
      else if (parseQuantity(v) < 0) errs.push({ field: `${f}.resources.${kind}[${k}]`, detail: `Invalid value: "${String(v)}": must be greater than or equal to 0` });
    }
  }
  for (const [k, v] of Object.entries(req)) {
    const l = lim[k];
    if (l !== undefined && isQuantity(v) && isQuantity(l) && parseQuantity(v) > parseQuantity(l)) {
      errs.push({ field: `${f}.resources.requests`, detail: `Invalid value: "${String(v)}": must be less than or equal to ${k} limit of ${String(l)}` });
    }
  }
  return errs;
}

function validateContainers(list: Container[] | undefined, prefix: string, seen: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((c, i) => {
    const f = `${prefix}[${i}]`;
    if (!c || typeof c.name !== 'string' || c.name === '') errs.push({ field: `${f}.name`, detail: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name)) errs.push(...validateLabelName(c.name, `${f}.name`));
    else if (seen.has(c.name)) errs.push({ field: `${f}.name`, detail: `Duplicate value: "${c.name}"` });
    else seen.add(c.name);
    if (!c || typeof c.image !== 'string' || c.image.trim() === '') errs.push({ field: `${f}.image`, detail: 'Required value' });
    (c?.ports ?? []).forEach((p, j) => {
      if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
        errs.push({ field: `${f}.ports[${j}].containerPort`, detail: `Invalid value: ${String(p.containerPort)}: must be between 1 and 65535, inclusive` });
      }
      if (p.hostPort !== undefined && (!Number.isInteger(p.hostPort) || p.hostPort < 0 || p.hostPort > 65535)) {
        errs.push({ field: `${f}.ports[${j}].hostPort`, detail: `Invalid value: ${String(p.hostPort)}: must be between 1 and 65535, inclusive` });
      }
      if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(supported(`${f}.ports[${j}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
    if (c) errs.push(...validateResources(c, f));
  });
  return errs;
}

export function validatePodSpec(spec: PodSpec | undefined, prefix: string): FieldError[] {
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    return [{ field: `${prefix}.containers`, detail: 'Required value' }];
  }
  const seen = new Set<string>();
  const errs = [...validateContainers(spec.containers, `${prefix}.containers`, seen), ...validateContainers(spec.initContainers, `${prefix}.initContainers`, seen)];
  errs.push(...validatePodVolumes(spec, prefix));
  if (spec.restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    errs.push(supported(`${prefix}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  // DNS: the policy the kubelet writes resolv.conf from, and the pod's own DNS labels.
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (spec.dnsPolicy !== undefined && !dnsPolicies.includes(spec.dnsPolicy)) errs.push(supported(`${prefix}.dnsPolicy`, spec.dnsPolicy, dnsPolicies));
  if (spec.dnsPolicy === 'None' && !spec.dnsConfig) errs.push({ field: `${prefix}.dnsConfig`, detail: 'Required value: must provide `dnsConfig` when `dnsPolicy` is None' });
  else if (spec.dnsPolicy === 'None' && !spec.dnsConfig?.nameservers?.length) errs.push({ field: `${prefix}.dnsConfig.nameservers`, detail: 'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None' });
  if (spec.hostname !== undefined) errs.push(...validateLabelName(spec.hostname, `${prefix}.hostname`));
  if (spec.subdomain !== undefined) errs.push(...validateLabelName(spec.subdomain, `${prefix}.subdomain`));
  (spec.tolerations ?? []).forEach((t, i) => {
    if (t.operator !== undefined && !['Exists', 'Equal'].includes(t.operator)) errs.push(supported(`${prefix}.tolerations[${i}].operator`, t.operator, ['Equal', 'Exists']));
    if (t.operator === 'Exists' && t.value) errs.push({ field: `${prefix}.tolerations[${i}].operator`, detail: `Invalid value: "${t.value}": value must be empty when \`operator\` is 'Exists'` });
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) errs.push(supported(`${prefix}.tolerations[${i}].effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') errs.push({ field: `${prefix}.tolerations[${i}].effect`, detail: `Invalid value: "${t.effect ?? ''}": effect must be 'NoExecute' when \`tolerationSeconds\` is set` });
  });
  if (spec.activeDeadlineSeconds !== undefined && (!Number.isInteger(spec.activeDeadlineSeconds) || spec.activeDeadlineSeconds <= 0)) {
    errs.push({ field: `${prefix}.activeDeadlineSeconds`, detail: `Invalid value: ${String(spec.activeDeadlineSeconds)}: must be between 1 and 2147483647, inclusive` });
  }
  return errs;
}

function validateSelector(selector: LabelSelector | undefined, templateLabels: Record<string, string> | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const hasRules = Object.keys(selector?.matchLabels ?? {}).length > 0 || (selector?.matchExpressions ?? []).length > 0;
  if (!hasRules) return [{ field: 'spec.selector', detail: 'Required value' }];
  const labels = templateLabels ?? {};
  if (!selectorMatches(selector, labels)) {
    errs.push({ field: 'spec.template.metadata.labels', detail: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\`` });
  }
  return errs;
}

/** Whether labels satisfy a LabelSelector (matchLabels and matchExpressions). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function validateIntOrPercent(v: IntOrString | undefined, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? [] : [{ field, detail: `Invalid value: ${v}: must be greater than or equal to 0` }];
  const m = /^(\d+)%$/.exec(v);
  if (!m) return [{ field, detail: `Invalid value: "${v}": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')` }];
  if (Number(m[1]) > 100) return [{ field, detail: `Invalid value: "${v}": must not be greater than 100%` }];
  return [];
}

function validateWorkload(obj: Deployment | ReplicaSet | DaemonSet): FieldError[] {
  const spec = obj.spec;
  const errs = validateSelector(spec?.selector, spec?.template?.metadata?.labels);
  if (obj.kind !== 'DaemonSet') {
    const replicas = (obj as Deployment).spec?.replicas;
    if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0)) errs.push({ field: 'spec.replicas', detail: `Invalid value: ${String(replicas)}: must be greater than or equal to 0` });
  }
  errs.push(...validatePodSpec(spec?.template?.spec, 'spec.template.spec'));
  const rp = spec?.template?.spec?.restartPolicy;
  if (rp !== undefined && rp !== 'Always' && errs.every((e) => !e.field.endsWith('restartPolicy'))) errs.push(supported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (obj.kind === 'Deployment') {
    const st = obj.spec.strategy;
    if (st?.type !== undefined && !['RollingUpdate', 'Recreate'].includes(st.type)) errs.push(supported('spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']));
    if (st?.type === 'Recreate' && st.rollingUpdate) errs.push({ field: 'spec.strategy.rollingUpdate', detail: "Forbidden: may not be specified when strategy `type` is 'Recreate'" });
    const ru = st?.rollingUpdate;
    errs.push(...validateIntOrPercent(ru?.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'), ...validateIntOrPercent(ru?.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
    const zero = (v: IntOrString | undefined): boolean => v === 0 || v === '0%';
    if (ru && zero(ru.maxSurge) && zero(ru.maxUnavailable)) {
      errs.push({ field: 'spec.strategy.rollingUpdate.maxUnavailable', detail: 'Invalid value: 0: may not be 0 when `maxSurge` is 0' });
    }
  }
  return errs;
}

function validateService(svc: Service): FieldError[] {
  const errs = validateServiceName(svc.metadata.name, 'metadata.name');
  const spec = svc.spec ?? {};
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  const type = spec.type ?? 'ClusterIP';
  if (!types.includes(type)) return [...errs, supported('spec.type', type, types)];
  if (type === 'ExternalName') {
    // The CNAME target CoreDNS answers: a DNS name (a trailing dot is allowed), and no ClusterIP.
    if (!spec.externalName) errs.push({ field: 'spec.externalName', detail: 'Required value' });
    else errs.push(...validateName(spec.externalName.replace(/\.$/, ''), 'spec.externalName'));
    if (spec.clusterIP) errs.push({ field: 'spec.clusterIPs', detail: `Invalid value: []string{"${spec.clusterIP}"}: may not be set for ExternalName services` });
    return errs;
  }
  if (spec.clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    errs.push({ field: 'spec.clusterIPs[0]', detail: `Invalid value: "None": may not be set to 'None' for ${type} services` });
  }
  const ports = spec.ports ?? [];
  if (ports.length === 0 && spec.clusterIP !== 'None') errs.push({ field: 'spec.ports', detail: 'Required value' });
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push({ field: `${f}.name`, detail: 'Required value' });
    else if (p.name && names.has(p.name)) errs.push({ field: `${f}.name`, detail: `Duplicate value: "${p.name}"` });
    if (p.name) names.add(p.name);
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) errs.push({ field: `${f}.port`, detail: `Invalid value: ${String(p.port)}: must be between 1 and 65535, inclusive` });
    if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(supported(`${f}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number' && (!Number.isInteger(p.targetPort) || p.targetPort < 1 || p.targetPort > 65535)) {
      errs.push({ field: `${f}.targetPort`, detail: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive` });
    }
    if (p.nodePort !== undefined && type === 'ClusterIP') errs.push({ field: `${f}.nodePort`, detail: `Forbidden: may not be used when \`type\` is 'ClusterIP'` });
  });
  return errs;
}

function validateData(data: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(data ?? {})) {
    if (!CONFIG_KEY.test(k) || k.length > 253) {
      errs.push({
        field: `${field}[${k}]`,
        detail: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      });
    }
  }
  return errs;
}

const QUOTA_RESOURCES = /^(pods|services|services\.nodeports|services\.loadbalancers|configmaps|secrets|resourcequotas|replicationcontrollers|persistentvolumeclaims|cpu|memory|ephemeral-storage|(requests|limits)\.(cpu|memory|ephemeral-storage)|requests\.storage|count\/[a-z0-9.]+)$/;

function validateQuota(q: ResourceQuota): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(q.spec?.hard ?? {})) {
    if (!QUOTA_RESOURCES.test(k)) errs.push({ field: `spec.hard[${k}]`, detail: `Invalid value: "${k}": must be a standard resource for quota` });
    else if (!isQuantity(v)) errs.push({ field: `spec.hard[${k}]`, detail: `Invalid value: "${String(v)}": must be a valid quantity` });
  }
  return errs;
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(lr.spec?.limits)) return [{ field: 'spec.limits', detail: 'Required value' }];
  lr.spec.limits.forEach((item, i) => {
    if (!['Container', 'Pod', 'PersistentVolumeClaim'].includes(item.type)) errs.push(supported(`spec.limits[${i}].type`, item.type, ['Container', 'PersistentVolumeClaim', 'Pod']));
    for (const part of ['default', 'defaultRequest', 'max', 'min'] as const) {
      for (const [k, v] of Object.entries(item[part] ?? {})) if (!isQuantity(v)) errs.push({ field: `spec.limits[${i}].${part}[${k}]`, detail: `Invalid value: "${String(v)}": must be a valid quantity` });
    }
  });
  return errs;
}

function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  if (pc.metadata.name.startsWith('system-') && !['system-node-critical', 'system-cluster-critical'].includes(pc.metadata.name)) {
    errs.push({ field: 'metadata.name', detail: `Invalid value: "${pc.metadata.name}": priority class names with 'system-' prefix are reserved` });
  }
  if (typeof pc.value !== 'number' || !Number.isInteger(pc.value)) errs.push({ field: 'value', detail: 'Required value' });
  else if (pc.value > 1_000_000_000 && !pc.metadata.name.startsWith('system-')) errs.push({ field: 'value', detail: 'Forbidden: maximum allowed value of a user defined priority is 1000000000' });
  if (pc.preemptionPolicy !== undefined && !['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy)) errs.push(supported('preemptionPolicy', pc.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  return errs;
}

/** Validates an object before anything is written; an empty list means valid. */
export function validateObject(obj: KubeObject): FieldError[] {
  switch (obj.kind) {
    case 'Namespace':
      return validateLabelName(obj.metadata?.name, 'metadata.name');
    case 'Service':
      return validateService(obj);
    case 'ClusterRole':
    case 'ClusterRoleBinding': {
      // ValidateRBACName: a path segment (system:metrics-server), not a DNS subdomain.
      const name = obj.metadata?.name;
      if (typeof name !== 'string' || name === '') return validateName(name);
      const bad = name === '.' || name === '..' ? `may not be '${name}'` : ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`)[0];
      return bad ? [{ field: 'metadata.name', detail: `Invalid value: "${name}": ${bad}` }] : [];
    }
    default:
      break;
  }
  const errs = validateName(obj.metadata?.name);
  switch (obj.kind) {
    case 'Pod':
      errs.push(...validatePodSpec((obj as Pod).spec, 'spec'));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      errs.push(...validateWorkload(obj));
      break;
    case 'ConfigMap':
      errs.push(...validateData((obj as ConfigMap).data, 'data'), ...validateData((obj as ConfigMap).binaryData, 'binaryData'));
      break;
    case 'Secret':
      errs.push(...validateData((obj as Secret).data, 'data'));
      break;
    case 'ResourceQuota':
      errs.push(...validateQuota(obj));
      break;
    case 'LimitRange':
      errs.push(...validateLimitRange(obj));
      break;
    case 'PriorityClass':
      errs.push(...validatePriorityClass(obj));
      break;
    case 'PersistentVolume':
      errs.push(...validatePersistentVolume(obj));
      break;
    case 'PersistentVolumeClaim':
      errs.push(...validatePersistentVolumeClaim(obj));
      break;
    case 'StorageClass':
      errs.push(...validateStorageClass(obj));
      break;
    case 'NetworkPolicy':
      errs.push(...validateNetworkPolicy(obj));
      break;
    case 'HorizontalPodAutoscaler':
      errs.push(...validateHpa(obj));
      break;
    case 'PodDisruptionBudget':
      errs.push(...validatePdb(obj));
      break;
    case 'Ingress':
      errs.push(...validateIngress(obj));
      break;
    case 'IngressClass':
      errs.push(...validateIngressClass(obj));
      break;
    default:
      break;
  }
  return errs;
}

/** The apiserver's 422 text: `The Pod "x" is invalid: a: b, c: d`. */
export function invalidMessage(kind: string, name: string, errs: FieldError[]): string {
  if (errs.length === 1) return `The ${kind} "${name}" is invalid: ${errs[0].field}: ${errs[0].detail}`;
  return `The ${kind} "${name}" is invalid: \n${errs.map((e) => `* ${e.field}: ${e.detail}`).join('\n')}`;
}
