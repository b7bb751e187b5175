/**
 * kube-controller-manager: the control loops that drive actual state to desired state.
 * Each controller watches the apiserver and writes back through it.
 */
import type { SimContext } from '../sim/context';
import { startDeploymentController } from './deployment';
import { startNodeIpamController, startNodeLifecycleController } from './nodeIpam';
import { startReplicaSetController } from './replicaset';

export function startControllerManager(ctx: SimContext): void {
  startNodeIpamController(ctx);
  startNodeLifecycleController(ctx);
  startDeploymentController(ctx);
  startReplicaSetController(ctx);
}
