import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import type { KubeEvent, Pod } from '../../api/types';
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/storage';
import { whyNot } from '../../explain/whyNot';

const kubectl = (sim: Simulation, cmd: string): string => sim.exec('control-plane', `kubectl ${cmd}`).output;
const pod = (sim: Simulation, name: string): Pod => sim.ctx.api.get<Pod>('Pod', 'default', name)!;
const failed = (sim: Simulation, name: string): string[] =>
  sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.involvedObject.name === name && e.reason === 'FailedScheduling').map((e) => e.message);

/** A hand-written local volume on node-2, and a claim that binds to it (no StorageClass object: Immediate). */
const LOCAL_PV = `apiVersion: v1
kind: PersistentVolume
metadata: {name: local-data}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local: {path: /mnt/disks/data}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [node-2]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: local-storage
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

const podUsing = (name: string, claim: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: ${claim}}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts: [{name: data, mountPath: /data}]
`;

const NOT_HELPFUL = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

describe('VolumeBinding', () => {
  it('runs a pod where its local volume is, and keeps it Pending with the real message when that node is cordoned', () => {
    const sim = Simulation.create();
    sim.applyManifest(LOCAL_PV);
    sim.applyManifest(podUsing('db', 'data'));
    expect(pod(sim, 'db').spec.nodeName).toBe('node-2');
    const d = sim.schedulingDecisions('default/db')[0];
    expect(d.nodes.find((n) => n.node === 'node-1')).toMatchObject({ rejectedBy: 'VolumeBinding', reasons: ['node(s) had volume node affinity conflict'] });

    kubectl(sim, 'delete pod db --grace-period=0 --force');
    expect(kubectl(sim, 'cordon node-2')).toBe('node/node-2 cordoned');
    sim.applyManifest(podUsing('db', 'data'));
    expect(pod(sim, 'db').spec.nodeName).toBeUndefined();
    const msg = `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable. ${NOT_HELPFUL}`;
    expect(failed(sim, 'db')).toEqual([msg]);
    expect(kubectl(sim, 'describe pod db')).toMatch(new RegExp(`Warning +FailedScheduling +\\S+ +default-scheduler +${msg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const why = whyNot(sim, { kind: 'pod', pod: 'default/db' });
    expect(why.cause).toContain('VolumeBinding rejected node-1');
    expect(why.cause).toContain('Its claim data is bound to PersistentVolume local-data, whose node affinity allows only node-2.');
    expect(why.fix?.summary).toBe('uncordon node-2 (it is marked unschedulable)');

    kubectl(sim, 'uncordon node-2');
    expect(pod(sim, 'db').spec.nodeName).toBe('node-2');
  });

  it('rejects a pod whose claim is missing or unbound (Immediate) on every node, as a PreFilter does', () => {
    const sim = Simulation.create();
    sim.applyManifest(podUsing('orphan', 'nope'));
    expect(failed(sim, 'orphan')).toEqual([`0/3 nodes are available: persistentvolumeclaim "nope" not found. ${NOT_HELPFUL}`]);
    expect(sim.schedulingDecisions('default/orphan')[0].nodes.every((n) => n.rejectedBy === 'VolumeBinding')).toBe(true);

    sim.applyManifest(LOCAL_PV.split('---')[1].replace('name: data', 'name: nope').replace('1Gi', '5Gi'));
    sim.sleep(1_000);
    expect(pod(sim, 'orphan').spec.nodeName).toBeUndefined();
    expect(failed(sim, 'orphan')).toContain(`0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}`);
    // A volume that fits arrives: the claim binds, and the claim's update requeues the pod.
    sim.applyManifest(LOCAL_PV.split('---')[0].replace('local-data', 'big').replace('1Gi', '5Gi'));
    expect(pod(sim, 'orphan').spec.nodeName).toBe('node-2');
  });

  it('WaitForFirstConsumer: the scheduler picks the node, the provisioner creates the volume there', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: standard}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache}
spec:
  storageClassName: standard
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`);
    expect(sim.ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'cache')!.status?.phase).toBe('Pending');
    sim.applyManifest(podUsing('web', 'cache'));
    const node = pod(sim, 'web').spec.nodeName!;
    const claim = sim.ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'cache')!;
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect(claim.status?.phase).toBe('Bound');
    const pv = sim.ctx.api.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName!)!;
    expect(pv.spec.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0].values).toEqual([node]);
  });

  it('WaitForFirstConsumer with static local volumes: binds the one on a node the pod can use', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local-storage}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
${LOCAL_PV}`);
    expect(sim.ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!.status?.phase).toBe('Pending');
    sim.applyManifest(podUsing('db', 'data').replace('spec:\n', 'spec:\n  nodeSelector: {kubernetes.io/hostname: node-1}\n'));
    expect(pod(sim, 'db').spec.nodeName).toBeUndefined();
    expect(failed(sim, 'db')[0]).toBe(`0/3 nodes are available: 1 node(s) didn't find available persistent volumes to bind, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ${NOT_HELPFUL}`);
    kubectl(sim, 'delete pod db --grace-period=0 --force');
    sim.applyManifest(podUsing('db', 'data'));
    expect(pod(sim, 'db').spec.nodeName).toBe('node-2');
    expect(sim.ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName).toBe('local-data');
  });
});
