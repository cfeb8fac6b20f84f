import type { Meta, StoryObj } from '@storybook/react-vite';
import { importCollapsedSync, mergeDiff, type DiffTree, type FrameTree } from '@flamelens/core';
import { DiffLegend, DiffOptions, FlameGraph, type DiffWidthMode } from '@flamelens/react';
import { DEFAULT_DIFF_COLOURS, type DiffColourOptions, type ThemeName } from '@flamelens/renderer';
import { useMemo, useState } from 'react';

/**
 * A service before and after a change, as sample counts (folded stacks), so the noise test can be made:
 * json.Unmarshal grew a lot, sql.Exec shrank, lru.Get is new, xml.Unmarshal was removed, and
 * sql.Scan / gc moved by about what sampling alone explains (drawn faded).
 */
const BEFORE = `main;serve;decode;json.Unmarshal 400
main;serve;decode;json.Valid 200
main;serve;query;sql.Scan 300
main;serve;query;sql.Exec 100
main;serve;legacy;xml.Unmarshal 60
main;serve;render;template.Execute 220
main;gc 300
`;
const AFTER = `main;serve;decode;json.Unmarshal 900
main;serve;decode;json.Valid 150
main;serve;query;sql.Scan 330
main;serve;query;sql.Exec 20
main;serve;cache;lru.Get 150
main;serve;render;template.Execute 260
main;gc 320
`;

const tree = (text: string): FrameTree => importCollapsedSync(new TextEncoder().encode(text));
const before = tree(BEFORE);
const after = tree(AFTER);

interface StoryProps {
  readonly theme?: ThemeName;
  /** Compare after → before instead. */
  readonly swapped?: boolean;
  /** Pretend the values are times without a sampling period: no noise test, the legend says why. */
  readonly times?: boolean;
}

function diffOf({ swapped, times }: StoryProps): DiffTree {
  const d = swapped
    ? mergeDiff(after, before, { baselineName: 'after.folded', comparisonName: 'before.folded' })
    : mergeDiff(before, after, { baselineName: 'before.folded', comparisonName: 'after.folded' });
  return times ? { ...d, unit: 'nanoseconds' } : d;
}

/** The diff flame graph: options in the toolbar, the legend above the graph, a swap button. */
function Graph(props: StoryProps) {
  const [swapped, setSwapped] = useState(!!props.swapped);
  const diff = useMemo(() => diffOf({ ...props, swapped }), [props, swapped]);
  const background = props.theme === 'dark' ? '#16181d' : '#ffffff';
  return (
    <div style={{ background, padding: 12, color: props.theme === 'dark' ? '#e6e8ec' : undefined }}>
      <button type="button" onClick={() => setSwapped((s) => !s)} data-testid="story-swap">
        swap baseline and comparison
      </button>
      <FlameGraph profile={diff} theme={props.theme} />
    </div>
  );
}

/** A host keeping the diff options itself (as the web app keeps them in its URL) and placing the legend. */
function HostControlled(props: StoryProps) {
  const [options, setOptions] = useState<DiffColourOptions>({ ...DEFAULT_DIFF_COLOURS, saturation: 20 });
  const [width, setWidth] = useState<DiffWidthMode>('combined');
  const diff = useMemo(() => diffOf(props), [props]);
  return (
    <div style={{ padding: 12 }}>
      <DiffOptions diff={options} onDiffChange={setOptions} widthMode={width} onWidthModeChange={setWidth} />
      <DiffLegend tree={diff} diff={options} onSaturationChange={(saturation) => setOptions({ ...options, saturation })} />
      <FlameGraph profile={diff} diff={options} widthMode={width} diffLegend={false} diffOptions={false} />
      <pre data-testid="story-state" style={{ font: '11px monospace', color: '#666' }}>
        {JSON.stringify({ ...options, widthMode: width })}
      </pre>
    </div>
  );
}

/** The legend alone, for a host that places it (it computes the saturation point and the noise test). */
function LegendOnly(props: StoryProps) {
  const diff = useMemo(() => diffOf(props), [props]);
  const [saturation, setSaturation] = useState<number | 'auto'>('auto');
  return (
    <div style={{ padding: 12, maxWidth: 760, background: props.theme === 'dark' ? '#16181d' : '#ffffff', color: props.theme === 'dark' ? '#e6e8ec' : undefined }}>
      <DiffLegend tree={diff} theme={props.theme} diff={{ saturation }} onSaturationChange={setSaturation} />
    </div>
  );
}

const meta: Meta<typeof Graph> = { title: 'React/Diff', component: Graph };
export default meta;
type S = StoryObj<typeof Graph>;

/** Red grew, blue shrank (normalized delta, pp), hatched frames on one side only, faded changes within noise. */
export const DiffGraph: S = {};

/** The same comparison the other way round: the colours flip. */
export const Swapped: S = { args: { swapped: true } };

/** Dark theme. */
export const Dark: S = { args: { theme: 'dark' } };

/** Times without a sampling period: no noise test can be made, and the legend says why. */
export const NoNoiseTest: S = { args: { times: true } };

/** Options and legend held by the host (controlled), graph without its own. */
export const ControlledByHost: S = { render: (args) => <HostControlled {...args} /> };

/** The legend on its own. */
export const Legend: S = { render: (args) => <LegendOnly {...args} /> };

/** The legend on its own, dark. */
export const LegendDark: S = { render: (args) => <LegendOnly {...args} />, args: { theme: 'dark' } };
