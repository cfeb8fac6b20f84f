/**
 * The fast pprof decoder against pprof-format (the reference decoder): for every corpus pprof file and
 * every sample type, the folded output must be identical to a tree built from pprof-format's objects.
 */
import { describe, expect, test } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { FrameTreeBuilder, foldToString, importPprof } from '../../src/index.ts';
import { corpusBytes, readManifest } from '../corpus/manifest.ts';

/** A tree built the slow, obvious way from pprof-format's decoded objects (same naming rules). */
function referenceTree(raw: Uint8Array) {
  const p = Profile.decode(raw);
  const strings = p.stringTable.strings;
  const str = (i: number | bigint) => strings[Number(i)] ?? '';
  const functions = new Map(p.function.map((f) => [Number(f.id), f]));
  const functionsLackIds = p.function.length > 0 && p.function.every((f) => Number(f.id) === 0);
  const locations = new Map(p.location.map((l) => [Number(l.id), l]));
  const builder = new FrameTreeBuilder({ sampleTypes: p.sampleType.map((t) => ({ type: str(t.type), unit: str(t.unit) })) });
  const frameName = (functionId: number) => {
    const f = functions.get(functionId) ?? (functionsLackIds ? p.function[functionId - 1] : undefined);
    if (!f) return '??';
    return str(f.name) || str(f.systemName) || '??';
  };
  for (const sample of p.sample) {
    const names: number[] = [];
    for (const id of [...sample.locationId].reverse()) {
      const loc = locations.get(Number(id));
      if (!loc) names.push(builder.names.internString('??'));
      else if (loc.line.length === 0) names.push(builder.names.internString('0x' + BigInt(loc.address).toString(16)));
      else for (const line of [...loc.line].reverse()) names.push(builder.names.internString(frameName(Number(line.functionId))));
    }
    builder.addStack(names, sample.value.map(Number));
  }
  return builder.build({ format: 'pprof', defaultSampleTypeIndex: 0, samples: p.sample.length, dropped: [] });
}

describe('fast pprof decoder = pprof-format', () => {
  for (const row of readManifest().filter((r) => r.format === 'pprof')) {
    test(row.file, async () => {
      let raw = corpusBytes(row.file);
      if (raw[0] === 0x1f && raw[1] === 0x8b) raw = new Uint8Array(gunzipSync(raw));
      const fast = await importPprof(raw);
      const reference = referenceTree(raw);
      expect(fast.length).toBe(reference.length);
      for (let t = 0; t < fast.sampleTypes.length; t++) {
        expect(foldToString(fast, fast.selfByType[t])).toBe(foldToString(reference, reference.selfByType[t]));
      }
    });
  }
});
