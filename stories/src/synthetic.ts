/**
 * Trees generated in the stories (no data files): a large realistic-looking profile and deep recursion.
 * Deterministic (seeded), so a story looks the same on every load.
 */
import { FrameTreeBuilder, type DiffTree, type FrameTree } from '@flamelens/core';

/** mulberry32: a tiny seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PACKAGES = ['runtime', 'net/http', 'encoding/json', 'database/sql', 'github.com/acme/api', 'github.com/acme/store', 'compress/flate', 'crypto/tls', 'sync', 'reflect', 'sort', 'bufio'];
const VERBS = ['Serve', 'Read', 'Write', 'Decode', 'Encode', 'Query', 'Scan', 'Lock', 'Hash', 'Parse', 'Flush', 'Call'];

/**
 * A profile of about `frames` frames: stacks share prefixes like real ones (a new stack keeps a random
 * part of the previous one), names come from a pool of package-qualified functions, values are
 * heavy-tailed. ~1M frames take a second or two to build.
 */
export function syntheticTree(frames: number, seed = 1): FrameTree {
  const rnd = random(seed);
  const builder = new FrameTreeBuilder({ sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }], expectedFrames: frames });
  const pool: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const pkg = PACKAGES[i % PACKAGES.length]!;
    pool.push(builder.names.internString(`${pkg}.(*T${i % 97}).${VERBS[(i * 7) % VERBS.length]}${i}`));
  }
  const stack: number[] = [];
  const values = [0];
  while (builder.frameCount < frames) {
    stack.length = Math.floor(rnd() * Math.min(stack.length + 1, 12));
    const depth = 6 + Math.floor(rnd() * 18);
    while (stack.length < depth) {
      // A caller calls a few callees often and many rarely: the child is picked near the caller's slot.
      const caller = stack.length > 0 ? stack[stack.length - 1]! : 0;
      const spread = Math.floor(rnd() ** 5 * 120);
      stack.push(pool[(caller * 31 + spread) % pool.length]!);
    }
    values[0] = Math.floor(1e7 / (0.02 + rnd()) ** 1.5);
    builder.addStack(stack, values);
  }
  return builder.build({ format: 'collapsed', defaultSampleTypeIndex: 0, samples: 0, dropped: [] });
}

/** Folded stacks of a recursive walk `depth` calls deep, with work at several levels. */
export function deepRecursionFolded(depth: number): string {
  const lines: string[] = [];
  let path = 'main;run';
  for (let d = 0; d < depth; d++) {
    path += d % 3 === 2 ? ';visit' : ';walk';
    if (d % 25 === 0) lines.push(`${path};alloc ${1 + (d % 7)}`);
    if (d % 40 === 0) lines.push(`${path};compare ${2 + (d % 5)}`);
  }
  lines.push(`${path};leaf 30`);
  lines.push('main;gc 40');
  return lines.join('\n');
}

/** A DiffTree from a tree of 3-column folded stacks (`stack baseline comparison`: two sample types). */
export function diffFromTree(tree: FrameTree): DiffTree {
  return {
    ...tree,
    kind: 'diff',
    total: tree.totalByType[0]!,
    self: tree.selfByType[0]!,
    totalB: tree.totalByType[1]!,
    selfB: tree.selfByType[1]!,
    baselineTotal: tree.totalByType[0]![0]!,
    comparisonTotal: tree.totalByType[1]![0]!,
  };
}
