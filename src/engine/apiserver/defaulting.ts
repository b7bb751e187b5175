// Defaulting and decoding before validation, per kind: the apiserver's defaulting funcs, apart from storage and admission.
import type { KubeObject, Secret } from '../api/types';
import { defaultNetworkPolicy } from '../api/networkPolicy';
import { defaultLimitRange, defaultPod, defaultService } from './admission';
import { decodeBase64, encodeBase64 } from './base64';
import { ApiError } from './errors';

/** Defaulting and decoding that happen before validation (Secret data, stringData, LimitRange defaults). */
export function normalise(obj: KubeObject): void {
  if (obj.kind === 'Pod' && Array.isArray(obj.spec?.containers)) defaultPod(obj);
  if (obj.kind === 'Secret') {
    const s = obj as Secret;
    s.type ??= 'Opaque';
    for (const [k, v] of Object.entries(s.data ?? {})) {
      if (typeof v !== 'string' || decodeBase64(v) === undefined) {
        throw new ApiError(400, 'BadRequest', `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${firstBadBase64(String(v))}`);
      }
      void k;
    }
    if (s.stringData) {
      s.data = { ...(s.data ?? {}) };
      for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64(String(v));
      delete s.stringData;
    }
  }
  if (obj.kind === 'LimitRange' && Array.isArray(obj.spec?.limits)) defaultLimitRange(obj);
  if (obj.kind === 'Service' && obj.spec) defaultService(obj);
  if (obj.kind === 'NetworkPolicy') defaultNetworkPolicy(obj);
  if (obj.kind === 'Deployment' && obj.spec) {
    obj.spec.replicas ??= 1;
    obj.spec.revisionHistoryLimit ??= 10;
    obj.spec.progressDeadlineSeconds ??= 600;
    obj.spec.strategy ??= { type: 'RollingUpdate' };
    obj.spec.strategy.type ??= 'RollingUpdate';
    if (obj.spec.strategy.type === 'RollingUpdate') obj.spec.strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...(obj.spec.strategy.rollingUpdate ?? {}) };
  }
  if (obj.kind === 'DaemonSet' && obj.spec) {
    obj.spec.updateStrategy ??= { type: 'RollingUpdate' };
    obj.spec.updateStrategy.type ??= 'RollingUpdate';
    if (obj.spec.updateStrategy.type === 'RollingUpdate') obj.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...(obj.spec.updateStrategy.rollingUpdate ?? {}) };
    obj.spec.revisionHistoryLimit ??= 10;
  }
}

function firstBadBase64(s: string): number {
  const i = s.search(/[^A-Za-z0-9+/=]/);
  return i >= 0 ? i : s.length;
}
