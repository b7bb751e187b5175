/** The lesson catalogue. Adding a lesson: write one file like first-packet.ts and list it here. */
import { firstPacket } from './first-packet';
import type { Lesson } from './types';

export const LESSONS: Lesson[] = [firstPacket];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
