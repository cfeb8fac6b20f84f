/**
 * The panel's options as the flame graph sees them (panel options → <FlameGraph> props) and the
 * migration of options saved by 0.1.x, whose own canvas had a "colour by self value" scheme and a search
 * box of its own.
 */
import { describe, expect, test } from 'vitest';
import { importNestedSet } from '@flamelens/core';
import { treeFromFolded } from '@flamelens/core/testing';
import { DEFAULT_OPTIONS, hasOldOptions, migrateOptions, type PanelOptions } from '../src/options.ts';
import { describeChange, graphSettings } from '../src/view/graph-settings.ts';

const single = treeFromFolded('main;parse 3\nmain;render 5\n');
const diff = importNestedSet({ level: [0, 1, 1], value: [4, 2, 2], valueRight: [8, 6, 2], label: ['total', 'a', 'b'] });
const options = (changes: Partial<PanelOptions> = {}): PanelOptions => ({ ...DEFAULT_OPTIONS, ...changes });

describe('panel options → <FlameGraph> props', () => {
  test('defaults: Grafana’s theme mode, default palette, toolbar on, diff colours saturating at the largest change', () => {
    expect(graphSettings(options(), single, 'dark')).toEqual({
      theme: 'dark',
      palette: 'default',
      diff: { metric: 'normalized-delta', useSelf: false, saturation: 'auto' },
      widthMode: 'auto',
      toolbar: true,
    });
  });

  test('a diff takes the metric, self/total, a set saturation point and the bar width', () => {
    const set = options({ diffMetric: 'relative-change', diffSelf: true, diffSaturation: 0.5, diffWidth: 'comparison', palette: 'colorblind', showToolbar: false });
    expect(graphSettings(set, diff, 'light')).toEqual({
      theme: 'light',
      palette: 'colorblind',
      diff: { metric: 'relative-change', useSelf: true, saturation: 0.5 },
      widthMode: 'comparison',
      toolbar: false,
    });
  });

  test('the diff bar width does not apply to a single profile', () => {
    expect(graphSettings(options({ diffWidth: 'baseline' }), single, 'dark').widthMode).toBe('auto');
  });

  test('the legend states the saturation point in the metric’s words, as the tooltip does', () => {
    const ms = (v: number) => `${v} ms`;
    expect(describeChange(2.5, { metric: 'normalized-delta' }, ms)).toBe('2.5 pp of the whole');
    expect(describeChange(0.25, { metric: 'relative-change' }, ms)).toBe('25% share');
    expect(describeChange(120, { metric: 'absolute-delta' }, ms)).toBe('120 ms');
  });
});

describe('options saved by 0.1.x', () => {
  test('"colour by self value" goes (bars are coloured by package), the search box becomes the toolbar', () => {
    const saved = { view: 'flame', colorScheme: 'value', showSearch: false, showTable: true, diffSaturation: 3 } as const;
    expect(hasOldOptions(saved)).toBe(true);
    expect(migrateOptions({ options: saved })).toEqual({ view: 'flame', showToolbar: false, showTable: true, diffSaturation: 3 });
  });

  test('a panel that had package colours and the search box keeps the toolbar; nothing old is left', () => {
    const migrated = migrateOptions({ options: { colorScheme: 'package', showSearch: true } });
    expect(migrated).toEqual({ showToolbar: true });
    expect(hasOldOptions(migrated)).toBe(false);
  });

  test('current options pass through unchanged, and a set toolbar option wins over an old search one', () => {
    expect(hasOldOptions(DEFAULT_OPTIONS)).toBe(false);
    expect(migrateOptions({ options: DEFAULT_OPTIONS })).toEqual(DEFAULT_OPTIONS);
    expect(migrateOptions({ options: { showToolbar: true, showSearch: false } })).toEqual({ showToolbar: true });
    expect(migrateOptions({})).toEqual({});
  });
});
