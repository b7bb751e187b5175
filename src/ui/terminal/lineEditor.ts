/**
 * A readline-like line editor, pure: it eats what xterm.js reports as typed (`onData`), keeps
 * the line and the cursor, and answers with the escape sequences that redraw the line plus
 * the events the session acts on (submit, interrupt, clear, complete, history).
 */
export type EditorEvent =
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear' }
  | { type: 'complete' }
  | { type: 'history'; delta: -1 | 1 }
  | { type: 'eof' };

export interface EditorResult {
  /** What to write to the terminal to show the edit. */
  echo: string;
  events: EditorEvent[];
}

const ESC = '\x1b';

export class LineEditor {
  line = '';
  cursor = 0;

  /** Replaces the whole line (history, completion) and returns the redraw sequence. */
  replace(line: string, cursor = line.length): string {
    const back = this.cursor > 0 ? `${ESC}[${this.cursor}D` : '';
    this.line = line;
    this.cursor = cursor;
    return `${back}${ESC}[K${line}${this.moveBack(line.length - cursor)}`;
  }

  /** The line as typed, with the cursor put back where it was (after a fresh prompt). */
  render(): string {
    return `${this.line}${this.moveBack(this.line.length - this.cursor)}`;
  }

  /** Inserts text at the cursor. */
  insert(text: string): string {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
    const clean = text.replace(/[\x00-\x1f\x7f]/g, '');
    if (!clean) return '';
    const rest = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor) + clean + rest;
    this.cursor += clean.length;
    return `${clean}${rest}${this.moveBack(rest.length)}`;
  }

  reset(): void {
    this.line = '';
    this.cursor = 0;
  }

  feed(data: string): EditorResult {
    const out: EditorResult = { echo: '', events: [] };
    let i = 0;
    while (i < data.length) {
      const seq = matchSequence(data, i);
      i += seq.length;
      this.apply(seq, out);
    }
    return out;
  }

  private apply(seq: string, out: EditorResult): void {
    switch (seq) {
      case '\r':
      case '\n':
        out.events.push({ type: 'submit', line: this.line });
        return;
      case '\x03':
        out.events.push({ type: 'interrupt' });
        return;
      case '\x0c':
        out.events.push({ type: 'clear' });
        return;
      case '\x04':
        if (!this.line) out.events.push({ type: 'eof' });
        else out.echo += this.deleteForward();
        return;
      case '\t':
        out.events.push({ type: 'complete' });
        return;
      case '\x7f':
      case '\b':
        out.echo += this.backspace();
        return;
      case `${ESC}[A`:
      case `${ESC}OA`:
        out.events.push({ type: 'history', delta: -1 });
        return;
      case `${ESC}[B`:
      case `${ESC}OB`:
        out.events.push({ type: 'history', delta: 1 });
        return;
      case `${ESC}[D`:
      case `${ESC}OD`:
      case '\x02':
        if (this.cursor > 0) {
          this.cursor--;
          out.echo += `${ESC}[D`;
        }
        return;
      case `${ESC}[C`:
      case `${ESC}OC`:
      case '\x06':
        if (this.cursor < this.line.length) {
          this.cursor++;
          out.echo += `${ESC}[C`;
        }
        return;
      case `${ESC}[H`:
      case `${ESC}OH`:
      case `${ESC}[1~`:
      case '\x01':
        out.echo += this.moveBack(this.cursor);
        this.cursor = 0;
        return;
      case `${ESC}[F`:
      case `${ESC}OF`:
      case `${ESC}[4~`:
      case '\x05':
        out.echo += this.line.length > this.cursor ? `${ESC}[${this.line.length - this.cursor}C` : '';
        this.cursor = this.line.length;
        return;
      case `${ESC}[3~`:
        out.echo += this.deleteForward();
        return;
      case '\x15': // Ctrl-U: kill to the start of the line
        out.echo += this.replace(this.line.slice(this.cursor), 0);
        return;
      case '\x0b': // Ctrl-K: kill to the end
        this.line = this.line.slice(0, this.cursor);
        out.echo += `${ESC}[K`;
        return;
      case '\x17': // Ctrl-W: kill the word before the cursor
        out.echo += this.killWord();
        return;
      default:
        if (seq.startsWith(ESC)) return; // other escape sequences: ignored
        out.echo += this.insert(seq);
    }
  }

  private backspace(): string {
    if (this.cursor === 0) return '';
    const rest = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor - 1) + rest;
    this.cursor--;
    return `\b${ESC}[K${rest}${this.moveBack(rest.length)}`;
  }

  private deleteForward(): string {
    if (this.cursor >= this.line.length) return '';
    const rest = this.line.slice(this.cursor + 1);
    this.line = this.line.slice(0, this.cursor) + rest;
    return `${ESC}[K${rest}${this.moveBack(rest.length)}`;
  }

  private killWord(): string {
    const before = this.line.slice(0, this.cursor);
    const kept = before.replace(/\S+\s*$/, '');
    const tail = this.line.slice(this.cursor);
    return this.replace(kept + tail, kept.length);
  }

  private moveBack(n: number): string {
    return n > 0 ? `${ESC}[${n}D` : '';
  }
}

/** One key's worth of input starting at i: an escape sequence, or a run of printable text. */
function matchSequence(data: string, i: number): string {
  if (data[i] === ESC) {
    // eslint-disable-next-line no-control-regex -- escape sequences start with ESC
    const m = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|.)?/.exec(data.slice(i));
    return m ? m[0] : ESC;
  }
  const code = data.charCodeAt(i);
  if (code < 0x20 || code === 0x7f) return data[i];
  let j = i;
  while (j < data.length && data[j] !== ESC && data.charCodeAt(j) >= 0x20 && data.charCodeAt(j) !== 0x7f) j++;
  return data.slice(i, j);
}
