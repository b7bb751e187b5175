/**
 * "Is there an entry with this key?" for a kernel table kept as a plain array (routes,
 * neighbours, FDB), in O(1): flanneld asks it once per peer, and with 1,000 peers a scan per
 * question makes booting a big cluster cubic. The key set is rebuilt whenever the array may have
 * changed behind our back: another array object, another length, or another last entry (every
 * writer in the engine replaces the array, pushes or splices; `ip route replace` swaps an
 * entry for one with the same key).
 */
interface Indexed<T> {
  rows: T[];
  length: number;
  last: T | undefined;
  keys: Set<string>;
}

export class KeyIndex<T> {
  private byTable = new WeakMap<object, Indexed<T>>();

  /** `keyOf` gives a row's key, or undefined for rows the index does not cover. */
  constructor(private readonly keyOf: (row: T) => string | undefined) {}

  /** Whether `rows` (the table of `owner`) holds an entry with this key. */
  has(owner: object, rows: T[], key: string): boolean {
    let ix = this.byTable.get(owner);
    if (!ix || ix.rows !== rows || ix.length !== rows.length || ix.last !== rows[rows.length - 1]) {
      const keys = new Set<string>();
      for (const row of rows) {
        const k = this.keyOf(row);
        if (k !== undefined) keys.add(k);
      }
      ix = { rows, length: rows.length, last: rows[rows.length - 1], keys };
      this.byTable.set(owner, ix);
    }
    return ix.keys.has(key);
  }

  /** Records a row just pushed onto a table the index is in step with. */
  pushed(owner: object, rows: T[], row: T): void {
    const ix = this.byTable.get(owner);
    if (!ix || ix.rows !== rows || ix.length !== rows.length - 1 || ix.last !== rows[rows.length - 2]) return;
    ix.length = rows.length;
    ix.last = row;
    const k = this.keyOf(row);
    if (k !== undefined) ix.keys.add(k);
  }
}
