import type { Meta, StoryObj } from '@storybook/react-vite';
import { diffFunctionTable, importCollapsedSync, sandwich, StringTable, type FunctionTable as Table, type Transform } from '@flamelens/core';
import { FunctionTable, SandwichView, TransformBar } from '@flamelens/react';
import { useMemo, useState } from 'react';
// A Go runtime CPU profile from the corpus that may be shipped (see apps/web/src/examples/README.md).
import goJsonUrl from '../../apps/web/src/examples/go-json-gogc100.cpu.pb.gz?url';
import { AnalysisExplorer } from './AnalysisExplorer.tsx';
import { diffFromTree } from './synthetic.ts';

const meta: Meta = { title: 'React/Analysis' };
export default meta;
type S = StoryObj;

const fetchGoJson = () => fetch(goJsonUrl).then((r) => r.arrayBuffer());

/**
 * Everything wired together on a real Go profile: transforms (chips, presets, the frame context menu),
 * the inverted toggle, the function table (click a row: the function is highlighted and its sandwich
 * opens), all computed in the worker.
 */
export const Explorer: S = { render: () => <AnalysisExplorer load={fetchGoJson} /> };

/** The same with the Go runtime hidden from the start (its time goes to the code that called into it). */
export const GoRuntimeHidden: S = {
  render: () => <AnalysisExplorer load={fetchGoJson} initialTransforms={[{ kind: 'hide', match: { preset: 'go-runtime' } }]} />,
};

/** The function table alone with 100 000 functions: only the rows in view are in the DOM. */
export const HundredThousandFunctions: S = {
  render: function Render() {
    const { table, names } = useMemo(() => largeTable(100_000), []);
    const [selected, setSelected] = useState<number | null>(null);
    return <FunctionTable table={table} names={names} unit="nanoseconds" selectedNameId={selected} onSelect={(id) => setSelected(id)} height={500} />;
  },
};

const DIFF = diffFromTree(
  importCollapsedSync(
    new TextEncoder().encode(`main;serve;decode;json.Unmarshal 40 90
main;serve;decode;json.Valid 20 10
main;serve;query;sql.Scan 30 30
main;serve;query;sql.Exec 10 2
main;serve;cache;lru.Get 0 15
main;serve;legacy;xml.Unmarshal 12 0
main;gc 30 25
`),
  ),
);

/** A diff's function table: baseline, comparison, the change in points, and the new/removed/grew/shrank filters. */
export const DiffTable: S = {
  render: () => <FunctionTable table={diffFunctionTable(DIFF)} names={DIFF.names} unit={DIFF.unit} sideNames={['before', 'after']} />,
};

const SMALL = importCollapsedSync(
  new TextEncoder().encode(`main;serve;decode;json.Unmarshal;reflect.Value.Set 30
main;serve;decode;json.Unmarshal;json.object 50
main;serve;query;sql.Scan;json.Unmarshal;json.object 20
main;batch;json.Unmarshal;json.literal 15
main;gc 25
`),
);

/** The sandwich of json.Unmarshal: its callers above it (flame), its callees below (icicle). */
export const Sandwich: S = {
  render: function Render() {
    const [open, setOpen] = useState(true);
    return open ? <SandwichView name="json.Unmarshal" sandwich={sandwich(SMALL, 'json.Unmarshal')} onClose={() => setOpen(false)} /> : <button onClick={() => setOpen(true)}>Open the sandwich</button>;
  },
};

/** Transform chips: one that matched nothing says so; add presets and merge recursion from the menu. */
export const Transforms: S = {
  render: function Render() {
    const [transforms, setTransforms] = useState<readonly Transform[]>([
      { kind: 'hide', match: { preset: 'jvm-internals' } },
      { kind: 'focus', match: { name: 'json.Unmarshal' } },
    ]);
    const [inverted, setInverted] = useState(false);
    const applied = transforms.map((transform) => ({ transform, matchedFrames: transform.kind === 'focus' ? 3 : 0 }));
    return <TransformBar transforms={transforms} applied={applied} onChange={setTransforms} inverted={inverted} onInvertedChange={setInverted} />;
  },
};

/** A synthetic table of `n` functions with heavy-tailed values. */
function largeTable(n: number): { table: Table; names: StringTable } {
  const names = StringTable.fromStrings(['all', ...Array.from({ length: n }, (_, i) => `github.com/acme/pkg${i % 300}.(*T${i % 97}).Method${i}`)]);
  const self = Float64Array.from({ length: n }, (_, i) => Math.round(1e9 / (1 + i) ** 0.8));
  const total = Float64Array.from(self, (v, i) => v * (1 + (i % 7)));
  const whole = total.reduce((a, b) => a + b, 0);
  return { table: { nameId: Uint32Array.from({ length: n }, (_, i) => i + 1), self, total, whole }, names };
}

