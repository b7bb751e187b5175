/**
 * "Is there an entry with this key?" for a kernel table kept as a plain array (routes,
 * neighbours, FDB), in O(1): flanneld asks it once per peer, and with 1,000 peers a scan per
 * question makes booting a big cluster cubic. The key set is rebuilt whenever the array may have
 * changed behind our back: another array object, another length, or another last entry (every
 * writer in the engine replaces the array, pushes or splices; `ip route replace` swaps an
 * entry for one with the same key).
 *
 * Every node holds one such table per peer-keyed kind, so the sets add up to nodes × peers
 * entries (a Set<string> per table was ~120 MB at 1,000 nodes). The keys are the same few
 * thousand strings on every node (peer subnets, gateways, VTEP MACs), so each index numbers
 * them once and a table's set is a bitset over those numbers: 1,000 peers fit in 128 bytes.
 */
interface Indexed<T> {
  rows: T[];
  length: number;
  last: T | undefined;
  /** Bit `id` set: a row with the key numbered `id` is in the table. */
  bits: Uint32Array;
  /** The numbering the bits refer to (see KeyIndex.epoch). */
  epoch: number;
}

/** Distinct keys an index numbers before starting over (MACs are random per simulation, so a long-lived worker would otherwise keep every simulation's). */
const MAX_KEYS = 1 << 17;

export class KeyIndex<T> {
  private byTable = new WeakMap<object, Indexed<T>>();
  /** Key → its number, shared by every table of this index. */
  private ids = new Map<string, number>();
  /** Bumped when the numbering starts over: every table's bitset is then stale. */
  private epoch = 0;
  /** While a table is numbered, the numbering never starts over (a table bigger than MAX_KEYS still gets its set). */
  private building = false;

  /** `keyOf` gives a row's key, or undefined for rows the index does not cover. */
  constructor(private readonly keyOf: (row: T) => string | undefined) {}

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.ids.size >= MAX_KEYS && !this.building) {
        this.ids.clear();
        this.epoch++;
      }
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  /** Sets the key's bit, growing the bitset when the key is numbered past its end. */
  private add(ix: Indexed<T>, key: string): void {
    const id = this.idOf(key);
    if (ix.epoch !== this.epoch) return; // numbering restarted: the caller rebuilds
    const word = id >>> 5;
    if (word >= ix.bits.length) {
      const grown = new Uint32Array(Math.max(word + 1, ix.bits.length * 2));
      grown.set(ix.bits);
      ix.bits = grown;
    }
    ix.bits[word] |= 1 << (id & 31);
  }

  private build(rows: T[]): Indexed<T> {
    // Start over first if the numbering is full, then number the whole table in one epoch.
    if (this.ids.size >= MAX_KEYS) {
      this.ids.clear();
      this.epoch++;
    }
    const ix: Indexed<T> = { rows, length: rows.length, last: rows[rows.length - 1], bits: new Uint32Array(Math.ceil(Math.min(this.ids.size + rows.length, MAX_KEYS) / 32) || 1), epoch: this.epoch };
    this.building = true;
    try {
      for (const row of rows) {
        const k = this.keyOf(row);
        if (k !== undefined) this.add(ix, k);
      }
    } finally {
      this.building = false;
    }
    return ix;
  }

  /** Whether `rows` (the table of `owner`) holds an entry with this key. */
  has(owner: object, rows: T[], key: string): boolean {
    let ix = this.byTable.get(owner);
    if (!ix || ix.epoch !== this.epoch || ix.rows !== rows || ix.length !== rows.length || ix.last !== rows[rows.length - 1]) {
      ix = this.build(rows);
      this.byTable.set(owner, ix);
    }
    // A key never numbered is in no table: building a table numbers all of its keys.
    const id = this.ids.get(key);
    return id !== undefined && (id >>> 5) < ix.bits.length && (ix.bits[id >>> 5] & (1 << (id & 31))) !== 0;
  }

  /** Records a row just pushed onto a table the index is in step with. */
  pushed(owner: object, rows: T[], row: T): void {
    const ix = this.byTable.get(owner);
    if (!ix || ix.epoch !== this.epoch || ix.rows !== rows || ix.length !== rows.length - 1 || ix.last !== rows[rows.length - 2]) return;
    ix.length = rows.length;
    ix.last = row;
    const k = this.keyOf(row);
    if (k !== undefined) this.add(ix, k);
  }
}
