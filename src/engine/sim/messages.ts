/** One control-plane message, for the event log the UI animates ({t, from, to, verb, path}). */
export interface Message {
  t: number;
  from: string;
  to: string;
  verb: string;
  path: string;
}

/** Keeps the most recent messages; older ones are dropped so long sessions stay small. */
export class MessageLog {
  private items: Message[] = [];
  /** Messages ever added (the UI asks for the ones after a count it has seen). */
  private added = 0;
  constructor(private readonly limit = 400) {}

  add(m: Message): void {
    this.items.push(m);
    this.added++;
    // Trimmed in batches (amortised O(1) per message); all() hands out only the newest `limit`.
    if (this.items.length > 2 * this.limit) this.trim();
  }

  private trim(): void {
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  get total(): number {
    return this.added;
  }

  all(): readonly Message[] {
    this.trim();
    return this.items;
  }
}
