/** German UI strings, by UI area in de/ (each typed by its English area). Kubernetes and Linux terms stay as they are. */
import type { MessageKey } from './en';
import { shell } from './de/shell';
import { canvas } from './de/canvas';
import { inspector } from './de/inspector';
import { tools } from './de/tools';
import { analysis } from './de/analysis';

export const de: Record<MessageKey, string> = {
  ...shell,
  ...canvas,
  ...inspector,
  ...tools,
  ...analysis,
};
