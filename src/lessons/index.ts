/** The lesson catalogue. Adding a lesson: write one file like first-packet.ts and list it here. */
import { beTheCni } from './be-the-cni';
import { firstPacket } from './first-packet';
import { flannelOverlay } from './flannel-overlay';
import { sameNode } from './same-node';
import { vagrantTrap } from './vagrant-trap';
import type { Lesson } from './types';

export const LESSONS: Lesson[] = [firstPacket, beTheCni, sameNode, flannelOverlay, vagrantTrap];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
