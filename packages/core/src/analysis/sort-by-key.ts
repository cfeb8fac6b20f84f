/** Groups at most this long are sorted by insertion (most frames have 1–3 children). */
const INSERTION_MAX = 24;
/** 2^24: payload indices packed under the key stay exact in a float64 while keys stay below 2^29. */
const PACK = 16_777_216;

let packed = new Float64Array(1024);

/** Groups at least this long are sorted by counting when their keys span few values (see countingSort). */
const COUNTING_FROM = 256;
let counts = new Uint32Array(1024);
let movedKeys = new Uint32Array(1024);
let movedPayload = new Int32Array(1024);
let movedPayload2 = new Int32Array(1024);

/**
 * Sorts by counting (stable, linear) when the keys span at most four values per entry — the large groups
 * an inverted tree starts from: a million frames over tens of thousands of names. False: not done.
 */
function countingSort(keys: Uint32Array, payload: Int32Array, count: number, payload2?: Int32Array): boolean {
  let lo = keys[0]!;
  let hi = lo;
  for (let i = 1; i < count; i++) {
    const k = keys[i]!;
    if (k < lo) lo = k;
    else if (k > hi) hi = k;
  }
  const range = hi - lo + 1;
  if (range > count * 4) return false;
  if (counts.length < range + 1) counts = new Uint32Array(Math.max(range + 1, counts.length * 2));
  if (movedKeys.length < count) {
    const size = Math.max(count, movedKeys.length * 2);
    movedKeys = new Uint32Array(size);
    movedPayload = new Int32Array(size);
    movedPayload2 = new Int32Array(size);
  }
  counts.fill(0, 0, range + 1);
  for (let i = 0; i < count; i++) counts[keys[i]! - lo + 1]!++;
  for (let r = 1; r <= range; r++) counts[r] = counts[r]! + counts[r - 1]!;
  for (let i = 0; i < count; i++) {
    const at = counts[keys[i]! - lo]!++;
    movedKeys[at] = keys[i]!;
    movedPayload[at] = payload[i]!;
    if (payload2) movedPayload2[at] = payload2[i]!;
  }
  keys.set(movedKeys.subarray(0, count));
  payload.set(movedPayload.subarray(0, count));
  if (payload2) payload2.set(movedPayload2.subarray(0, count));
  return true;
}

/**
 * Sorts `payload[0, count)` by `keys[0, count)` ascending, moving keys along (ties keep no particular
 * order). Small groups use insertion sort; large ones pack key and position into one float64 and use the
 * native numeric sort (no comparator call per element).
 */
export function sortByKey(keys: Uint32Array, payload: Int32Array, count: number, payload2?: Int32Array): void {
  if (count <= INSERTION_MAX) {
    for (let i = 1; i < count; i++) {
      const key = keys[i]!;
      const p = payload[i]!;
      const p2 = payload2 ? payload2[i]! : 0;
      let j = i - 1;
      while (j >= 0 && keys[j]! > key) {
        keys[j + 1] = keys[j]!;
        payload[j + 1] = payload[j]!;
        if (payload2) payload2[j + 1] = payload2[j]!;
        j--;
      }
      keys[j + 1] = key;
      payload[j + 1] = p;
      if (payload2) payload2[j + 1] = p2;
    }
    return;
  }
  if (count >= COUNTING_FROM && countingSort(keys, payload, count, payload2)) return;
  if (count > PACK) throw new RangeError(`cannot sort ${count} entries at once`);
  if (packed.length < count * 2) packed = new Float64Array(Math.max(count * 2, packed.length * 2));
  const order = packed.subarray(0, count);
  for (let i = 0; i < count; i++) order[i] = keys[i]! * PACK + i;
  order.sort();
  // apply the permutation through the upper half of the scratch buffer
  const moved = packed.subarray(count, count * 2);
  for (let i = 0; i < count; i++) moved[i] = payload[order[i]! % PACK]!;
  for (let i = 0; i < count; i++) payload[i] = moved[i]!;
  if (payload2) {
    for (let i = 0; i < count; i++) moved[i] = payload2[order[i]! % PACK]!;
    for (let i = 0; i < count; i++) payload2[i] = moved[i]!;
  }
  for (let i = 0; i < count; i++) keys[i] = Math.floor(order[i]! / PACK);
}

/** True when keys[0, count) strictly increase (the usual case: children of one frame, already in order). */
export function isStrictlyIncreasing(keys: Uint32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return true;
}
