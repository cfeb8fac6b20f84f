import { ProfileError } from '../parse/errors.ts';

/** Initial capacity (nodes); grows by doubling. */
const INITIAL_NODES = 1 << 12;
/**
 * A node's children are found by walking its sibling list until it has this many; then they also go into
 * the hash table. Most frames have 1–3 children, and a brand-new node (the common insert: a new stack's
 * tail) has none, so most lookups touch only the record just read.
 */
const LIST_MAX = 8;

/** Int32 fields per node record. */
export const RECORD_INTS = 5;
/** Record field: parent node (-1 for the root); bit 31 set when a stack ends at the node. */
export const PARENT = 0;
/** Record field: name id. */
export const NAME = 1;
/** Record field: first child (0 = none); stored as -(child + 1) once the node's children are hashed. */
export const FIRST_CHILD = 2;
/** Record field: next sibling (0 = none). */
export const NEXT_SIBLING = 3;
/** Record field: row of the node's self values in `values` (0 = none yet: all zero). */
export const VALUE_ROW = 4;
/** Bit of the PARENT field that marks a stack end. */
const STACK_END = 0x80000000 | 0;
const PARENT_MASK = 0x7fffffff;

/**
 * A call trie: node 0 is the root and every other node is (parent, name). A node's links sit in one
 * 20-byte record, so following a path costs about one cache miss per frame. Self values live apart, one
 * row per node that ever got a value (most nodes are callers and never do): on this machine writing
 * fresh memory costs more than the parse, so the trie stays as small as it can.
 *
 *   records: | parent | name | first child | next sibling | value row |   (Int32, per node)
 *   values:  | row 0 unused | row 1: value 0, value 1, … | …             (Float64, per valued node)
 *
 * Children are reached through the sibling list and, for wide nodes, an open-addressing hash table keyed
 * by (parent, name).
 */
export class CallTrie {
  /** Node records, RECORD_INTS per node. */
  ints: Int32Array;
  /** Self values: row r holds columns [r * valueCount, (r + 1) * valueCount). */
  values: Float64Array;
  /** Rows used in `values`, row 0 (meaning "none") included. */
  private valueRows = 1;
  /** Int32 elements per record (RECORD_INTS, exposed for hot loops). */
  readonly intStride = RECORD_INTS;
  /** Hash table of children of wide nodes: node ids, 0 = empty (the root is never a child). */
  private slots = new Int32Array(64);
  private slotMask = 63;
  private hashed = 0;
  /** Number of nodes, the root included. */
  count = 1;
  /** Distinct stacks (nodes marked as a stack end). */
  stacks = 0;

  constructor(
    /** Value columns per node. */
    readonly valueCount: number,
    private readonly maxNodes: number,
    expectedNodes = 0,
  ) {
    const capacity = Math.max(INITIAL_NODES, Math.min(expectedNodes, maxNodes));
    this.ints = new Int32Array(capacity * RECORD_INTS);
    // about one valued node per four frames in large profiles; grows when needed
    this.values = new Float64Array(Math.max(INITIAL_NODES, capacity >> 2) * valueCount);
    this.ints[PARENT] = -1;
  }

  /** Capacity in nodes. */
  get capacity(): number {
    return this.ints.length / RECORD_INTS;
  }

  /** Self value of `node` in `column` (0 when it never got one). */
  valueOf(node: number, column: number): number {
    const row = this.ints[node * RECORD_INTS + VALUE_ROW]!;
    return row === 0 ? 0 : this.values[row * this.valueCount + column]!;
  }

  /** The child of `parent` named `name`, created when missing. */
  child(parent: number, name: number): number {
    const ints = this.ints;
    const stride = this.intStride;
    const fc = ints[parent * stride + FIRST_CHILD]!;
    if (fc >= 0) {
      let siblings = 0;
      for (let c = fc; c !== 0; c = ints[c * stride + NEXT_SIBLING]!) {
        if (ints[c * stride + NAME] === name) return c;
        siblings++;
      }
      const node = this.addNode(parent, name);
      if (siblings + 1 === LIST_MAX) this.hashChildren(parent);
      return node;
    }
    const slots = this.slots;
    const mask = this.slotMask;
    let slot = mixPair(parent, name) & mask;
    for (;;) {
      const node = slots[slot]!;
      if (node === 0) break;
      if (ints[node * stride + NAME] === name && (ints[node * stride + PARENT]! & PARENT_MASK) === parent) return node;
      slot = (slot + 1) & mask;
    }
    const node = this.addNode(parent, name);
    this.hashInsert(node);
    return node;
  }

  /** Adds `value` to column `column` of `node`'s self value. */
  addValue(node: number, column: number, value: number): void {
    const rowAt = node * RECORD_INTS + VALUE_ROW;
    let row = this.ints[rowAt]!;
    if (row === 0) {
      row = this.valueRows++;
      this.ints[rowAt] = row;
      if (this.valueRows * this.valueCount > this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
    }
    const at = row * this.valueCount + column;
    this.values[at] = this.values[at]! + value;
  }

  /** Marks `node` as the end of a stack (counted once; the root is not a stack). */
  endStack(node: number): void {
    const at = node * this.intStride + PARENT;
    const parent = this.ints[at]!;
    if (node !== 0 && (parent & STACK_END) === 0) {
      this.ints[at] = parent | STACK_END;
      this.stacks++;
    }
  }

  /** First child of `node` (0 = none). */
  firstChildOf(node: number): number {
    const fc = this.ints[node * this.intStride + FIRST_CHILD]!;
    return fc < 0 ? -fc - 1 : fc;
  }

  private addNode(parent: number, name: number): number {
    if (this.count >= this.maxNodes) {
      throw new ProfileError(
        'too-large',
        `The profile has more than ${this.maxNodes.toLocaleString('en-US')} distinct frames, the current limit. ` +
          'Raise the frame limit to open it.',
      );
    }
    if (this.count === this.capacity) this.grow(Math.min(this.maxNodes, this.capacity * 2));
    const ints = this.ints;
    const stride = this.intStride;
    const node = this.count++;
    const at = node * stride;
    const parentFirst = parent * stride + FIRST_CHILD;
    const fc = ints[parentFirst]!;
    ints[at + PARENT] = parent;
    ints[at + NAME] = name;
    // new nodes go to the head of the sibling list, keeping the parent's "hashed" mark
    ints[at + NEXT_SIBLING] = fc < 0 ? -fc - 1 : fc;
    ints[parentFirst] = fc < 0 ? -node - 1 : node;
    return node;
  }

  /** Marks `parent` wide and puts all its children in the hash table. */
  private hashChildren(parent: number): void {
    const ints = this.ints;
    const at = parent * this.intStride + FIRST_CHILD;
    const fc = ints[at]!;
    ints[at] = -fc - 1;
    for (let c = fc; c !== 0; c = ints[c * this.intStride + NEXT_SIBLING]!) this.hashInsert(c);
  }

  private hashInsert(node: number): void {
    if (++this.hashed * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.place(this.slots, this.slotMask, node);
  }

  private place(slots: Int32Array, mask: number, node: number): void {
    const at = node * this.intStride;
    let slot = mixPair(this.ints[at + PARENT]! & PARENT_MASK, this.ints[at + NAME]!) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = node;
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place(slots, mask, old[i]!);
    this.slots = slots;
    this.slotMask = mask;
  }

  private grow(capacity: number): void {
    const ints = new Int32Array(capacity * RECORD_INTS);
    ints.set(this.ints);
    this.ints = ints;
  }
}

/** Hash of a (parent, name) pair with good spread in the low bits. */
function mixPair(parent: number, name: number): number {
  let h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(name, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
