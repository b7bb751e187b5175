/**
 * The metrics-server process: the kubelet starts it when a container of the metrics-server
 * image starts (kubelet/daemons.ts) and stops it with the container. While one runs in a Ready
 * pod, the Metrics API answers (kubectl top, the HPA); scale the Deployment to 0 and it is gone.
 */
import type { DaemonSpec } from '../kubelet/daemons';
import { klog } from '../ingress/controller';
import { metricsServerStarted, metricsServerStopped } from './metricsServer';

const started = new WeakMap<object, Map<string, number>>();
/** klog as metrics-server prints it: it is PID 1 in its container. */
const line = (t: number, file: string, text: string): string => klog('I', t, file, text).replace('       7 ', '       1 ');

export const METRICS_SERVER_DAEMON: DaemonSpec = {
  name: 'metrics-server',
  image: /(^|\/)metrics-server(:|@|$)/,
  start({ ctx, pod }) {
    const byPod = started.get(ctx) ?? new Map<string, number>();
    started.set(ctx, byPod.set(pod.metadata.uid ?? pod.metadata.name, ctx.clock.now));
    metricsServerStarted(ctx, pod);
    return { stop: () => metricsServerStopped(ctx, pod) };
  },
  // What v0.7.x prints at start (klog), then nothing while scrapes succeed.
  logs({ ctx, pod }) {
    const t = started.get(ctx)?.get(pod.metadata.uid ?? pod.metadata.name);
    if (t === undefined) return [];
    return [
      line(t, 'serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)'),
      line(t, 'handler.go:275', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager'),
      line(t, 'requestheader_controller.go:169', 'Starting RequestHeaderAuthRequestController'),
      line(t, 'shared_informer.go:313', 'Waiting for caches to sync for RequestHeaderAuthRequestController'),
      line(t, 'secure_serving.go:213', 'Serving securely on [::]:10250'),
      line(t, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"'),
      line(t, 'shared_informer.go:320', 'Caches are synced for RequestHeaderAuthRequestController'),
    ];
  },
};
