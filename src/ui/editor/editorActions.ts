/** The editor's actions: edit, load an example, apply (kubectl apply of the whole text). */
import { getEngine } from '../engineClient';
import { call, refreshYaml } from '../actions';
import { errorMessage } from '../model';
import { useUi, type EditorState } from '../store';
import { EXAMPLES } from './examples';

function patchEditor(patch: Partial<EditorState> | ((e: EditorState) => Partial<EditorState>)): void {
  useUi.setState((s) => ({ editor: { ...s.editor, ...(typeof patch === 'function' ? patch(s.editor) : patch) } }));
}

export function setManifest(text: string): void {
  patchEditor({ text });
}

export function setProblems(problems: number): void {
  if (useUi.getState().editor.problems !== problems) patchEditor({ problems });
}

export function loadExample(id: string): void {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (ex) patchEditor((e) => ({ text: ex.yaml, revision: e.revision + 1, output: undefined }));
}

export async function applyManifest(): Promise<void> {
  const { text, applying } = useUi.getState().editor;
  if (applying || !text.trim()) return;
  patchEditor({ applying: true });
  try {
    const r = await call(() => getEngine().apply(text), { key: 'busy.apply' });
    useUi.setState((s) => ({ snapshot: r.snapshot, editor: { ...s.editor, applying: false, output: { text: r.output, exitCode: r.exitCode } } }));
    void refreshYaml();
  } catch (e) {
    patchEditor({ applying: false, output: { text: `error: ${errorMessage(e)}`, exitCode: 1 } });
  }
}

/** kubectl's lines that report a failure (shown in red). */
export function isErrorLine(line: string, exitCode: number): boolean {
  if (/^(error|Error from server|The .* is invalid)|: error|forbidden|invalid/i.test(line)) return true;
  return exitCode !== 0 && !/ (created|configured|unchanged)( \(.*\))?$/.test(line);
}
