/**
 * kubeadm's kube-proxy addon: the kube-proxy ConfigMap (config.conf, a KubeProxyConfiguration,
 * and kubeconfig.conf) and the kube-proxy DaemonSet in kube-system. The kubelet runs the
 * KubeProxy actor for each of its pods, with the mode read from the ConfigMap when it starts.
 */
import type { ConfigMap } from '../api/types';
import { KubeProxy } from '../kube-proxy/proxy';
import type { DaemonSpec } from '../kubelet/daemons';
import type { Scenario } from '../scenario/types';
import type { SimContext } from '../sim/context';

/** scenario.cluster.kubeProxyMode ("" = the default, iptables on Linux). */
export function scenarioProxyMode(s: Scenario): string {
  return (s.cluster as { kubeProxyMode?: string }).kubeProxyMode ?? '';
}

export function kubeProxyYaml(s: Scenario, apiserver: string): string {
  const v = s.cluster.kubernetesVersion;
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: kube-proxy
  namespace: kube-system
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-proxy
  namespace: kube-system
  labels:
    app: kube-proxy
data:
  config.conf: |-
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    bindAddress: 0.0.0.0
    bindAddressHardFail: false
    clientConnection:
      acceptContentTypes: ""
      burst: 0
      contentType: ""
      kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
      qps: 0
    clusterCIDR: ${s.cluster.podCIDR}
    configSyncPeriod: 0s
    conntrack:
      maxPerCore: null
      min: null
      tcpCloseWaitTimeout: null
      tcpEstablishedTimeout: null
    enableProfiling: false
    healthzBindAddress: ""
    hostnameOverride: ""
    iptables:
      localhostNodePorts: null
      masqueradeAll: false
      masqueradeBit: null
      minSyncPeriod: 0s
      syncPeriod: 0s
    ipvs:
      excludeCIDRs: null
      minSyncPeriod: 0s
      scheduler: ""
      strictARP: false
      syncPeriod: 0s
      tcpFinTimeout: 0s
      tcpTimeout: 0s
      udpTimeout: 0s
    kind: KubeProxyConfiguration
    logging:
      flushFrequency: 0
      options:
        json:
          infoBufferSize: "0"
      verbosity: 0
    metricsBindAddress: ""
    mode: "${scenarioProxyMode(s)}"
    nodePortAddresses: null
    oomScoreAdj: null
    portRange: ""
    showHiddenMetricsForProxy: false
    winkernel:
      enableDSR: false
      forwardHealthCheckVip: false
      networkName: ""
      rootHnsEndpointName: ""
      sourceVip: ""
  kubeconfig.conf: |-
    apiVersion: v1
    kind: Config
    clusters:
    - cluster:
        certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
        server: https://${apiserver}:6443
      name: default
    contexts:
    - context:
        cluster: default
        namespace: default
        user: default
      name: default
    current-context: default
    users:
    - name: default
      user:
        tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-proxy
  namespace: kube-system
  labels:
    k8s-app: kube-proxy
spec:
  selector:
    matchLabels:
      k8s-app: kube-proxy
  template:
    metadata:
      labels:
        k8s-app: kube-proxy
    spec:
      containers:
      - name: kube-proxy
        image: registry.k8s.io/kube-proxy:${v}
        imagePullPolicy: IfNotPresent
        command:
        - /usr/local/bin/kube-proxy
        - --config=/var/lib/kube-proxy/config.conf
        - --hostname-override=$(NODE_NAME)
        env:
        - name: NODE_NAME
          valueFrom:
            fieldRef:
              apiVersion: v1
              fieldPath: spec.nodeName
        securityContext:
          privileged: true
        volumeMounts:
        - mountPath: /var/lib/kube-proxy
          name: kube-proxy
        - mountPath: /run/xtables.lock
          name: xtables-lock
        - mountPath: /lib/modules
          name: lib-modules
          readOnly: true
      hostNetwork: true
      nodeSelector:
        kubernetes.io/os: linux
      priorityClassName: system-node-critical
      serviceAccountName: kube-proxy
      tolerations:
      - operator: Exists
      volumes:
      - name: kube-proxy
        configMap:
          name: kube-proxy
      - name: xtables-lock
        hostPath:
          path: /run/xtables.lock
          type: FileOrCreate
      - name: lib-modules
        hostPath:
          path: /lib/modules
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
`;
}

/**
 * The proxy mode kube-proxy reads at start from the mounted ConfigMap's config.conf
 * (`mode: ""` means iptables on Linux). The ipvs work extends KubeProxy to honour it.
 */
export function kubeProxyModeAtStart(ctx: SimContext, namespace: string): string {
  const conf = ctx.api.get<ConfigMap>('ConfigMap', namespace, 'kube-proxy')?.data?.['config.conf'] ?? '';
  return /^mode:\s*"?([a-z]*)"?\s*$/m.exec(conf)?.[1] || 'iptables';
}

/** 34 for registry.k8s.io/kube-proxy:v1.34.2; undefined for a digest or an unusual tag. */
export function imageMinor(image: string | undefined): number | undefined {
  const m = /:v1\.(\d+)(\.|$|-)/.exec(image ?? '');
  return m ? Number(m[1]) : undefined;
}

export const kubeProxyDaemon: DaemonSpec = {
  name: 'kube-proxy',
  image: /(^|\/)kube-proxy(:|@|$)/,
  start({ ctx, host, pod, container }) {
    // The mode is read once, at start: editing the ConfigMap takes effect when the pod is recreated.
    const mode = kubeProxyModeAtStart(ctx, pod.metadata.namespace ?? 'kube-system');
    const proxy = new KubeProxy(ctx, host, mode === 'ipvs' || mode === 'nftables' ? mode : 'iptables', imageMinor(container.image));
    proxy.start();
    return { stop: () => proxy.stop() };
  },
};
