/** CodeMirror 6 with YAML highlighting, inline validation and schema-aware completion; code-split. */
import { useEffect, useRef } from 'react';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type ViewUpdate } from '@codemirror/view';
import { EditorSelection, EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { history, historyKeymap } from '@codemirror/commands';
import { validateManifest } from './validate';
import { placeAt } from './yamlPath';
import { keysAt, VALUES } from './schema';

/** Colours from the CSS theme variables, so one highlight style serves both themes. */
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--syn-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--syn-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--syn-number)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.typeName, tags.labelName, tags.meta], color: 'var(--syn-keyword)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--syn-punct)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--accent)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--faint)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '&.cm-focused': { outline: 'none' },
  '.cm-tooltip': { backgroundColor: 'var(--panel-2)', color: 'var(--text)', border: '1px solid var(--border-strong)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent-strong)', color: '#fff' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--bad)', textUnderlineOffset: '3px' },
});


/** Enter keeps the line's indentation, one level deeper after `key:` and inside a `- ` item. */
function newlineKeepIndent(view: EditorView): boolean {
  view.dispatch(
    view.state.changeByRange((range) => {
      const line = view.state.doc.lineAt(range.from);
      const before = line.text.slice(0, range.from - line.from);
      let indent = /^\s*/.exec(before)![0].length;
      const item = /^(\s*)- /.exec(before);
      if (item) indent = item[1].length + 2;
      if (/:\s*$/.test(before)) indent += 2;
      const insert = `\n${' '.repeat(indent)}`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
    }),
  );
  return true;
}

function schemaCompletion(ctx: CompletionContext): CompletionResult | null {
  const text = ctx.state.doc.toString();
  const place = placeAt(text, ctx.pos);
  if (!place) return null;
  if (!ctx.explicit && !place.word && place.mode === 'key' && !/\n\s*(- )?$/.test(text.slice(0, ctx.pos))) return null;
  if (place.mode === 'value') {
    const values = place.key ? VALUES[place.key] : undefined;
    if (!values) return null;
    return { from: place.from, options: values.map((v) => ({ label: v, type: 'constant' })), validFor: /^[\w./:-]*$/ };
  }
  const keys = keysAt(place.path, place.kind);
  if (!keys.length) return null;
  return { from: place.from, options: keys.map((k) => ({ label: k, type: 'property', apply: `${k}: ` })), validFor: /^[\w./-]*$/ };
}

export interface CodeEditorProps {
  value: string;
  label: string;
  onChange: (text: string) => void;
  onApply: () => void;
  onProblems: (n: number) => void;
  /** Bumped when the text is replaced from outside (an example loaded). */
  revision: number;
}

export default function CodeEditor({ value, label, onChange, onApply, onProblems, revision }: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | undefined>(undefined);
  const handlers = useRef({ onChange, onApply, onProblems });
  useEffect(() => {
    handlers.current = { onChange, onApply, onProblems };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([{ key: 'Mod-Enter', run: () => (handlers.current.onApply(), true) }, ...closeBracketsKeymap, ...completionKeymap, ...lintKeymap, ...historyKeymap]),
          keymap.of([{ key: 'Enter', run: newlineKeepIndent }]),
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          yaml(),
          syntaxHighlighting(highlight),
          lintGutter(),
          linter(
            (v): Diagnostic[] => {
              const problems = validateManifest(v.state.doc.toString());
              handlers.current.onProblems(problems.length);
              return problems.map((p) => ({ from: p.from, to: p.to, severity: p.severity, message: p.message, source: 'manifest' }));
            },
            { delay: 250 },
          ),
          autocompletion({ override: [schemaCompletion], activateOnTyping: true }),
          EditorState.tabSize.of(2),
          theme,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'manifest-input', tabindex: '0' }),
          EditorView.updateListener.of((u: ViewUpdate) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => view.destroy();
    // The editor is created once; outside replacements come through `revision`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || revision === 0) return;
    if (view.state.doc.toString() !== value) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);

  useEffect(() => {
    viewRef.current?.contentDOM.setAttribute('aria-label', label);
  }, [label]);

  return <div className="code-editor" ref={hostRef} data-testid="manifest-editor" />;
}
