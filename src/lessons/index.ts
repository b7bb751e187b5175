/** The lesson catalogue. Adding a lesson: write one file like first-packet.ts and list it here. */
import { autoscalingHpa } from './autoscaling-hpa';
import { beTheCni } from './be-the-cni';
import { cattleNodeFailure } from './cattle-node-failure';
import { componentsTour } from './components-tour';
import { containerRuntimes } from './container-runtimes';
import { firstPacket } from './first-packet';
import { flannelOverlay } from './flannel-overlay';
import { lifeOfAPod } from './life-of-a-pod';
import { insideAPod } from './inside-a-pod';
import { namespacesContexts } from './namespaces-contexts';
import { networkPolicy } from './network-policy';
import { reachingFromOutside } from './reaching-from-outside';
import { ingressLesson } from './ingress';
import { scheduling } from './scheduling';
import { servicesKubeProxy } from './services-kube-proxy';
import { serviceDiscovery } from './service-discovery';
import { sameNode } from './same-node';
import { vagrantTrap } from './vagrant-trap';
import type { Lesson } from './types';

/** In course order: the cluster, then pod networking, then Services, then operations. */
export const LESSONS: Lesson[] = [
  firstPacket,
  componentsTour,
  lifeOfAPod,
  insideAPod,
  scheduling,
  namespacesContexts,
  beTheCni,
  sameNode,
  flannelOverlay,
  vagrantTrap,
  servicesKubeProxy,
  serviceDiscovery,
  networkPolicy,
  reachingFromOutside,
  ingressLesson,
  cattleNodeFailure,
  autoscalingHpa,
  containerRuntimes,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
