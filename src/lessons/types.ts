/**
 * A lesson is data: ordered steps, each with prose, an optional highlight, a check against
 * the live simulation and a "show me" that performs it. Adding a lesson needs no UI change.
 */
import type { Simulation } from '../engine/sim/simulation';
import type { ViewState } from '../engine/scenario/view';

export interface CheckContext {
  sim: Simulation;
  view: ViewState;
}

/** The languages lessons speak; English is written inline, German is optional and falls back to English. */
export type LessonLang = 'en' | 'de';

/** Text in English, or in both languages (for check messages, which are built at check time). */
export type Localized = string | { en: string; de: string };

/** The text in `lang` when there is one, and the language it really is in (for the lang attribute). */
export function localize(text: Localized, lang: LessonLang): { text: string; lang: LessonLang } {
  if (typeof text === 'string') return { text, lang: 'en' };
  return lang === 'de' ? { text: text.de, lang: 'de' } : { text: text.en, lang: 'en' };
}

export interface StepCheck {
  passed: boolean;
  message: Localized;
}

/**
 * A lesson's German text, keyed like the English: one entry per step, in step order. Commands,
 * `code` spans and YAML stay as they are (they are what the learner types on a real machine).
 */
export interface LessonGerman {
  title: string;
  topic?: string;
  summary: string;
  steps: { title: string; body: string; hint: string }[];
}

/** What "show me" does: run a command, start a trace, or change the view. */
export type ShowMeAction =
  | { kind: 'exec'; target: string; command: string }
  /** Several commands in one terminal, in order. */
  | { kind: 'script'; target: string; commands: string[] }
  /** Commands on several machines, in order (e.g. kubectl on control-plane, then iptables on a node). */
  | { kind: 'multi'; runs: { target: string; command: string }[] }
  /** `kubectl apply` of YAML from the manifest editor (the text is put into the editor too). */
  | { kind: 'apply'; manifest: string }
  /** Switch to another ready-made scenario (e.g. flannel host-gw to compare). */
  | { kind: 'preset'; id: string }
  | {
      kind: 'trace';
      from: string;
      to: string;
      step?: number;
      /** Show the first step of this stage (e.g. vxlan-encap). */
      stage?: string;
      /** An ICMP echo unless told: a TCP SYN or UDP datagram to `port` (a Service's port). */
      proto?: 'icmp' | 'tcp' | 'udp';
      port?: number;
    }
  | { kind: 'select'; selected: NonNullable<ViewState['selected']> }
  | { kind: 'step'; step: number };

export interface LessonStep {
  title: string;
  /** Short Markdown-lite prose: paragraphs, `code`, **bold**. */
  body: string;
  hint: string;
  /** YAML the step asks the learner to apply: shown with the step, one click puts it in the editor. */
  manifest?: string;
  /** data-testid of the UI element to highlight while this step is active. */
  highlight?: string;
  check: (ctx: CheckContext) => StepCheck;
  showMe: (ctx: CheckContext) => ShowMeAction;
}

export interface Lesson {
  id: string;
  /** The preset the lesson starts from (see engine/scenario/presets.ts); default: 'default'. */
  preset?: string;
  title: string;
  topic: string;
  summary: string;
  minutes: number;
  steps: LessonStep[];
  /** The same lesson in German; anything missing is shown in English. */
  de?: LessonGerman;
}
