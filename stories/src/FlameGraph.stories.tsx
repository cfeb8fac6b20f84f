import type { Meta, StoryObj } from '@storybook/react-vite';
import { importCollapsedSync, type FrameTree } from '@flamelens/core';
import { ProfileParser } from '@flamelens/core/client';
import { FlameGraph, type FlameGraphProps } from '@flamelens/react';
import { useEffect, useMemo, useState } from 'react';
// A Go runtime CPU profile from the corpus that may be shipped (see apps/web/src/examples/README.md).
import goJsonUrl from '../../apps/web/src/examples/go-json-gogc100.cpu.pb.gz?url';
import { deepRecursionFolded, diffFromTree, syntheticTree } from './synthetic.ts';

type Source = 'go-json' | 'deep-recursion' | 'million-frames' | 'diff';

/** Loads or generates the story's tree, then shows <FlameGraph> with the story's props. */
function Story({ source, ...props }: Omit<FlameGraphProps, 'profile'> & { source: Source }) {
  const [tree, setTree] = useState<FrameTree | string>('loading…');
  useEffect(() => {
    let live = true;
    if (source === 'go-json') {
      const parser = new ProfileParser();
      void fetch(goJsonUrl)
        .then((r) => r.arrayBuffer())
        .then((bytes) => parser.parse(bytes))
        .then((outcome) => live && setTree(outcome.ok ? outcome.profile.tree : outcome.error.message));
      return () => {
        live = false;
        parser.dispose();
      };
    }
    // Generated on the page; a tick first so the "generating" text paints.
    setTree(source === 'million-frames' ? 'generating a 1M-frame tree…' : 'generating…');
    const timer = setTimeout(() => live && setTree(generate(source)), 10);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source]);
  const background = props.theme === 'dark' ? '#16181d' : '#ffffff';
  const info = useMemo(() => (typeof tree === 'string' ? null : `${tree.length.toLocaleString('en-US')} frames`), [tree]);
  return (
    <div style={{ background, padding: 12 }}>
      {typeof tree === 'string' ? <p data-testid="story-status">{tree}</p> : <FlameGraph profile={tree} {...props} />}
      {info && (
        <p data-testid="story-frames" style={{ color: '#888', margin: '4px 0 0', font: '12px sans-serif' }}>
          {info}
        </p>
      )}
    </div>
  );
}

function generate(source: Source): FrameTree {
  if (source === 'deep-recursion') return importCollapsedSync(new TextEncoder().encode(deepRecursionFolded(400)));
  if (source === 'diff') {
    return diffFromTree(
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
  }
  return syntheticTree(1_000_000);
}

const meta: Meta<typeof Story> = {
  title: 'React/FlameGraph',
  component: Story,
  args: { source: 'go-json' },
};
export default meta;
type S = StoryObj<typeof Story>;

/** A real Go CPU profile (encoding/json benchmark), icicle view. */
export const RealProfile: S = {};

/** The same profile as a flame graph: root at the bottom. */
export const FlameView: S = { args: { defaultView: 'flame' } };

/** Focused on json.Unmarshal: it fills the width, its ancestors stay above it and in the breadcrumbs. */
export const Focused: S = { args: { defaultFocusPath: ['runtime.main', 'main.main', 'encoding/json.Unmarshal'] } };

/** A regular-expression search: matches at full colour, the rest dimmed, the matched share in the toolbar. */
export const RegexSearch: S = { args: { search: '^encoding/json\\.\\(\\*decodeState\\)\\.(object|array)$', searchMode: 'regex' } };

/** Dark theme, colour-blind-safe palette. */
export const DarkTheme: S = { args: { theme: 'dark', palette: 'colorblind' } };

/** 400 levels of recursion: the canvas stays as tall as the view and the graph scrolls. */
export const DeepRecursion: S = { args: { source: 'deep-recursion', maxHeight: 500 } };

/** A 1M-frame synthetic tree generated in the story: layout in slices, redraws stay smooth. */
export const MillionFrames: S = { args: { source: 'million-frames' } };

/** A diff: red grew, blue shrank (normalized delta), hatched frames exist on one side only. */
export const Diff: S = { args: { source: 'diff', sideNames: ['before', 'after'] } };
