import { describe, expect, it } from 'vitest';
import { en } from './en';
import { de } from './de';
import { shell } from './en/shell';
import { canvas } from './en/canvas';
import { inspector } from './en/inspector';
import { tools } from './en/tools';
import { analysis } from './en/analysis';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const code = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  it('each key lives in one English area file (a second one would silently win the merge)', () => {
    const areas = [shell, canvas, inspector, tools, analysis];
    expect(areas.reduce((n, a) => n + Object.keys(a).length, 0)).toBe(Object.keys(en).length);
  });

  it('German has exactly the English keys, none empty', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(de)) expect(v.trim(), k).not.toBe('');
  });

  it('every German text fills the same {placeholders} as the English one', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(params(de[k]), k).toEqual(params(en[k]));
  });

  it('`code` spans (commands, device names) are the same in both languages', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(code(de[k]), k).toEqual(code(en[k]));
  });
});
