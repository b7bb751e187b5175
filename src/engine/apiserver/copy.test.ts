import { describe, expect, it } from 'vitest';
import { copyKeepingShared, copyToStore, deepCopy, refit } from './copy';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u', resourceVersion: '7', creationTimestamp: 't', labels: Object.freeze({ app: 'web' }) },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  status: { phase: 'Running', podIP: '10.244.1.5', hostIP: '192.168.56.11', startTime: 't', qosClass: 'BestEffort', extra: undefined },
};

describe('the apiserver copies', () => {
  it('copy deeply with the keys in their order, whichever kind of copy', () => {
    for (const copy of [deepCopy, copyToStore, copyKeepingShared]) {
      const c = copy(pod);
      expect(c).toEqual(pod);
      expect(JSON.stringify(c)).toBe(JSON.stringify(pod));
      expect(Object.keys(c.status)).toEqual(Object.keys(pod.status));
      expect(c.spec).not.toBe(pod.spec);
      expect(c.spec.containers[0].ports).not.toBe(pod.spec.containers[0].ports);
      c.status.phase = 'Failed';
      expect(pod.status.phase).toBe('Running');
    }
  });

  it('keep frozen shared parts only when asked to, and make unfrozen copies otherwise', () => {
    expect(copyKeepingShared(pod).metadata.labels).toBe(pod.metadata.labels);
    for (const copy of [deepCopy, copyToStore]) {
      const labels = copy(pod).metadata.labels;
      expect(labels).not.toBe(pod.metadata.labels);
      expect(Object.isFrozen(labels)).toBe(false);
    }
  });

  it('refit makes a shallow copy: same keys and order, the same values', () => {
    const r = refit(pod.metadata);
    expect(r).not.toBe(pod.metadata);
    expect(Object.keys(r)).toEqual(Object.keys(pod.metadata));
    expect(r.labels).toBe(pod.metadata.labels);
  });
});
