/** Shell-like ↑/↓ history; the line being typed is kept while browsing and restored at the end. */
export class History {
  private items: string[] = [];
  private pos = 0;
  private draft = '';

  push(cmd: string): void {
    if (this.items[this.items.length - 1] !== cmd) this.items.push(cmd);
    this.pos = this.items.length;
    this.draft = '';
  }

  /** Moves by -1 (older) or +1 (newer); returns the line to show, or undefined at the ends. */
  move(delta: -1 | 1, current: string): string | undefined {
    const n = this.items.length;
    if (this.pos === n) this.draft = current;
    const next = this.pos + delta;
    if (next < 0 || next > n) return undefined;
    this.pos = next;
    return next === n ? this.draft : this.items[next];
  }
}
