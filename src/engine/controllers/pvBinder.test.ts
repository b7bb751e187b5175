import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { KubeEvent } from '../api/types';

const LOCAL_PATH_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
`;

const CLAIM_AND_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: writer}
spec:
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts: [{name: data, mountPath: /data}]
`;

describe('persistent volumes', () => {
  it('provisions a local-path volume for the first consumer and binds the claim, as kubectl prints it', () => {
    const sim = Simulation.create();
    sim.applyManifest(LOCAL_PATH_CLASS);
    sim.applyManifest(CLAIM_AND_POD.split('---')[0]);
    expect(sim.exec('control-plane', 'kubectl get pvc').output).toMatch(/^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE\ndata +Pending +standard +<unset> +\d+s$/);
    sim.applyManifest(CLAIM_AND_POD.split('---')[1]);
    const uid = sim.ctx.api.get('PersistentVolumeClaim', 'default', 'data')!.metadata.uid!;
    const out = sim.exec('control-plane', 'kubectl get sc,pv,pvc').output.split('\n');
    expect(out[0]).toMatch(/^NAME +PROVISIONER +RECLAIMPOLICY +VOLUMEBINDINGMODE +ALLOWVOLUMEEXPANSION +AGE$/);
    expect(out[1]).toMatch(/^storageclass\.storage\.k8s\.io\/standard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\d+s$/);
    expect(out[3]).toMatch(/^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +VOLUMEATTRIBUTESCLASS +REASON +AGE$/);
    expect(out[4]).toMatch(new RegExp(`^persistentvolume/pvc-${uid} +1Gi +RWO +Delete +Bound +default/data +standard +<unset> +\\d+s$`));
    expect(out[7]).toMatch(new RegExp(`^persistentvolumeclaim/data +Bound +pvc-${uid} +1Gi +RWO +standard +<unset> +\\d+s$`));
    const reasons = sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.involvedObject.name === 'data').sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => e.reason);
    expect(reasons).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  });

  it('keeps the data on the node after the pod is gone, and binds a static volume by size', () => {
    const sim = Simulation.create();
    sim.applyManifest(LOCAL_PATH_CLASS);
    sim.applyManifest(CLAIM_AND_POD);
    sim.exec('control-plane', `kubectl exec writer -- sh -c "echo persisted > /data/state"`);
    const node = sim.ctx.api.get<import('../api/types').Pod>('Pod', 'default', 'writer')!.spec.nodeName!;
    const uid = sim.ctx.api.get('PersistentVolumeClaim', 'default', 'data')!.metadata.uid!;
    expect(sim.exec(node, `cat /var/local-path-provisioner/pvc-${uid}_default_data/state`).output).toBe('persisted');
    sim.exec('control-plane', 'kubectl delete pod writer --grace-period=0 --force');
    sim.applyManifest(CLAIM_AND_POD.split('---')[1].replace('name: writer', 'name: reader').replace('spec:\n', `spec:\n  nodeSelector: {kubernetes.io/hostname: ${node}}\n`));
    expect(sim.exec('control-plane', 'kubectl exec reader -- cat /data/state').output).toBe('persisted');

    sim.applyManifest(`apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/small}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: big}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/big}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: logs}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
`);
    expect(sim.exec('control-plane', 'kubectl get pv small big --no-headers').output).toMatch(/^small +1Gi +RWO +Retain +Available +manual +<unset> +\d+s\nbig +10Gi +RWO +Retain +Bound +default\/logs +manual +<unset> +\d+s$/);
    sim.exec('control-plane', 'kubectl delete pvc logs');
    expect(sim.exec('control-plane', 'kubectl get pv big --no-headers').output).toMatch(/^big +10Gi +RWO +Retain +Released +default\/logs +manual/);
  });
});
