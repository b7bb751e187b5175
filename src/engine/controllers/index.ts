/**
 * kube-controller-manager: the control loops that drive actual state to desired state.
 * Each controller watches the apiserver and writes back through it.
 */
import type { SimContext } from '../sim/context';
import { startDaemonSetController } from './daemonset';
import { startDeploymentController } from './deployment';
import { startDisruptionController } from './disruption';
import { startHpaController } from './hpa';
import { startEndpointsController } from './endpoints';
import { startPersistentVolumeController } from './pvBinder';
import { startGarbageCollector } from './garbageCollector';
import { startNamespaceController } from './namespace';
import { startNodeIpamController } from './nodeIpam';
import { startNodeLifecycleController } from './nodeLifecycle';
import { startReplicaSetController } from './replicaset';
import { startResourceQuotaController } from './resourceQuota';
import { startTaintEvictionController } from './taintEviction';

export function startControllerManager(ctx: SimContext): void {
  startNamespaceController(ctx);
  startNodeIpamController(ctx);
  startNodeLifecycleController(ctx);
  startTaintEvictionController(ctx);
  startDeploymentController(ctx);
  startReplicaSetController(ctx);
  startDaemonSetController(ctx);
  startEndpointsController(ctx);
  startPersistentVolumeController(ctx);
  startResourceQuotaController(ctx);
  startGarbageCollector(ctx);
  startDisruptionController(ctx);
  // metrics-server is not part of kube-controller-manager: it is the metrics-server Deployment's pod (metrics/addon.ts).
  startHpaController(ctx);
}
