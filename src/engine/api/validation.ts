import type { KubeObject, Pod, PodSpec } from './types';

/** One field error, printed the way the apiserver does: `spec.containers[0].image: Required value`. */
export interface FieldError {
  field: string;
  detail: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

export function validatePodSpec(spec: PodSpec | undefined, prefix: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    return [{ field: `${prefix}.containers`, detail: 'Required value' }];
  }
  const seen = new Set<string>();
  spec.containers.forEach((c, i) => {
    const f = `${prefix}.containers[${i}]`;
    if (!c || typeof c.name !== 'string' || c.name === '') errs.push({ field: `${f}.name`, detail: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name)) errs.push({ field: `${f}.name`, detail: `Invalid value: "${c.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'` });
    else if (seen.has(c.name)) errs.push({ field: `${f}.name`, detail: `Duplicate value: "${c.name}"` });
    else seen.add(c.name);
    if (!c || typeof c.image !== 'string' || c.image.trim() === '') errs.push({ field: `${f}.image`, detail: 'Required value' });
  });
  return errs;
}

/** Validates an object before anything is written; an empty list means valid. */
export function validateObject(obj: KubeObject): FieldError[] {
  const errs = validateName(obj.metadata?.name);
  switch (obj.kind) {
    case 'Pod':
      errs.push(...validatePodSpec((obj as Pod).spec, 'spec'));
      break;
    case 'Deployment':
    case 'ReplicaSet': {
      const spec = obj.spec;
      if (!spec?.selector?.matchLabels || Object.keys(spec.selector.matchLabels).length === 0) {
        errs.push({ field: 'spec.selector', detail: 'Required value' });
      }
      const labels = spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(spec?.selector?.matchLabels ?? {})) {
        if (labels[k] !== v) {
          errs.push({ field: 'spec.template.metadata.labels', detail: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\`` });
          break;
        }
      }
      if (spec?.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
        errs.push({ field: 'spec.replicas', detail: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
      }
      errs.push(...validatePodSpec(spec?.template?.spec, 'spec.template.spec'));
      break;
    }
    default:
      break;
  }
  return errs;
}
