/**
 * English UI strings: the source of truth for the keys. `{name}` is filled in by t(). The strings
 * live by UI area in en/ (one file each, merged here); an area's keys are unique to it (i18n.test.ts).
 */
import { shell } from './en/shell';
import { canvas } from './en/canvas';
import { inspector } from './en/inspector';
import { tools } from './en/tools';
import { analysis } from './en/analysis';

export const en = {
  ...shell,
  ...canvas,
  ...inspector,
  ...tools,
  ...analysis,
} as const;

export type MessageKey = keyof typeof en;
