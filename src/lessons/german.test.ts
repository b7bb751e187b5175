/** Every German lesson text covers the English one: same steps, same commands and code spans. */
import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';
import { localize } from './types';
import { checkStep, lessonStart } from './runner';

/** The `code` spans of a Markdown-lite text, sorted: what the learner types must not be translated. */
function codeSpans(text: string): string[] {
  return (text.match(/`[^`]+`/g) ?? []).sort();
}

describe('German lessons', () => {
  const german = LESSONS.filter((l) => l.de);

  it('every lesson speaks German', () => {
    expect(LESSONS.filter((l) => !l.de).map((l) => l.id)).toEqual([]);
  });

  it('check messages come in the language asked for; English unless told', () => {
    const sim = lessonStart('first-packet');
    const view = { panel: 'lesson' as const };
    expect(checkStep(sim, 'first-packet', 0, view)).toEqual({ passed: false, message: 'Select a pod in the cluster graph: click one of the pod cards.' });
    expect(checkStep(sim, 'first-packet', 0, view, 'de')).toEqual({ passed: false, message: 'Wähle einen Pod im Cluster-Graphen aus: Klick auf eine der Pod-Karten.', lang: 'de' });
  });

  for (const l of german) {
    describe(l.id, () => {
      it('has a German title, summary and one entry per English step', () => {
        expect(l.de!.title.trim()).not.toBe('');
        expect(l.de!.summary.trim()).not.toBe('');
        expect(l.de!.steps.length).toBe(l.steps.length);
      });
      l.steps.forEach((s, i) => {
        it(`step ${i + 1} (${s.title}): same code spans, nothing left empty`, () => {
          const d = l.de!.steps[i];
          expect(d, `step ${i + 1} has no German text`).toBeDefined();
          for (const k of ['title', 'body', 'hint'] as const) {
            expect(d[k].trim(), `${k} is empty`).not.toBe('');
            expect(codeSpans(d[k]), `${k}: code spans differ`).toEqual(codeSpans(s[k]));
          }
          expect((d.body.match(/\n\n/g) ?? []).length, 'paragraph count').toBe((s.body.match(/\n\n/g) ?? []).length);
        });
      });
    });
  }

  it('localize falls back to English for untranslated text', () => {
    expect(localize('plain', 'de')).toEqual({ text: 'plain', lang: 'en' });
    expect(localize({ en: 'a', de: 'b' }, 'de')).toEqual({ text: 'b', lang: 'de' });
    expect(localize({ en: 'a', de: 'b' }, 'en')).toEqual({ text: 'a', lang: 'en' });
  });
});
