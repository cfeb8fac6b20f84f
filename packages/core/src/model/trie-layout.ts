import { FIRST_CHILD, NAME, NEXT_SIBLING, VALUE_ROW, type CallTrie } from './call-trie.ts';
import type { PreorderColumns } from './tree-columns.ts';

/** Child groups at most this long are sorted by insertion sort (most frames have 1–3 children). */
const INSERTION_SORT_MAX = 16;

/**
 * Lays a trie out in depth-first pre-order with an explicit-stack DFS that writes parent, depth, name and
 * self values; each node's children are gathered from its sibling list, sorted by name rank and pushed
 * with the parent's frame index (so no node→frame map is needed). Totals come later (assembleTree).
 */
export function layOutTrie(trie: CallTrie, nameRank: Uint32Array): PreorderColumns {
  const n = trie.count;
  const T = trie.valueCount;
  const { ints, values, intStride } = trie;
  const parent = new Int32Array(n);
  let depth: Uint16Array | Uint32Array = new Uint16Array(n);
  const nameId = new Uint32Array(n);
  const selfByType = Array.from({ length: T }, () => new Float64Array(n));
  const self0 = selfByType[0]!;

  // The DFS stack holds at most (depth × widest fan-out) entries: it starts small and grows.
  let stackNode: Int32Array = new Int32Array(1024);
  let stackParent: Int32Array = new Int32Array(1024);
  let kids: Int32Array = new Int32Array(64);
  let keys: Uint32Array = new Uint32Array(64);
  let top = 0;
  stackNode[top] = 0;
  stackParent[top++] = -1;
  let maxDepth = 0;
  for (let f = 0; top > 0; f++) {
    const node = stackNode[--top]!;
    const p = stackParent[top]!;
    parent[f] = p;
    if (p >= 0) {
      const d = depth[p]! + 1;
      if (d > 0xffff && depth instanceof Uint16Array) depth = Uint32Array.from(depth);
      depth[f] = d;
      if (d > maxDepth) maxDepth = d;
      nameId[f] = ints[node * intStride + NAME]!;
    }
    const row = ints[node * intStride + VALUE_ROW]!;
    if (row !== 0) {
      if (T === 1) self0[f] = values[row]!;
      else for (let t = 0; t < T; t++) selfByType[t]![f] = values[row * T + t]!;
    }
    // children, sorted by name, pushed last-first so the first pops first
    let k = 0;
    const fc = ints[node * intStride + FIRST_CHILD]!;
    for (let c = fc < 0 ? -fc - 1 : fc; c !== 0; c = ints[c * intStride + NEXT_SIBLING]!) {
      if (k === kids.length) [kids, keys] = [growInt(kids), growUint(keys)];
      kids[k] = c;
      keys[k++] = nameRank[ints[c * intStride + NAME]!]!;
    }
    if (k > 1) sortByKeys(kids, keys, k);
    if (top + k > stackNode.length) [stackNode, stackParent] = [growInt(stackNode, top + k), growInt(stackParent, top + k)];
    for (let j = k - 1; j >= 0; j--) {
      stackNode[top] = kids[j]!;
      stackParent[top++] = f;
    }
  }

  return { length: n, parent, depth, nameId, selfByType, maxDepth };
}

/** Sorts kids[0, count) by keys[0, count) (moved along), ascending. Keys are distinct among siblings. */
function sortByKeys(kids: Int32Array, keys: Uint32Array, count: number): void {
  if (count <= INSERTION_SORT_MAX) {
    for (let i = 1; i < count; i++) {
      const kid = kids[i]!;
      const key = keys[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > key) {
        kids[j + 1] = kids[j]!;
        keys[j + 1] = keys[j]!;
        j--;
      }
      kids[j + 1] = kid;
      keys[j + 1] = key;
    }
    return;
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  const sortedKids = order.map((i) => kids[i]!);
  const sortedKeys = order.map((i) => keys[i]!);
  kids.set(sortedKids);
  keys.set(sortedKeys);
}

function growInt(a: Int32Array, minimum = 0): Int32Array {
  const b = new Int32Array(Math.max(minimum, a.length * 2));
  b.set(a);
  return b;
}

function growUint(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
