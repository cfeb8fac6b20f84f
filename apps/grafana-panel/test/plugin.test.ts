/**
 * The plugin as Grafana sees it before rendering: the `plugin` export's options and field config, and
 * plugin.json's metadata checked against Grafana's rules and the versions the harness runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PanelPlugin, standardEditorsRegistry } from '@grafana/data';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_OPTIONS } from '../src/options.ts';

const here = path.resolve(import.meta.dirname, '..');
const json = (file: string) => JSON.parse(readFileSync(path.resolve(here, file), 'utf8'));

/** Grafana core fills this registry at boot; without it the options builder throws. */
beforeAll(() => {
  const ids = ['boolean', 'text', 'number', 'radio', 'select', 'color', 'unit', 'slider', 'mappings', 'thresholds', 'links', 'fieldColor', 'custom', 'stats-picker', 'strings', 'interval', 'timezone', 'field-name'];
  standardEditorsRegistry.setInit(() => ids.map((id) => ({ id, name: id, editor: () => null })));
});

describe('the plugin export', () => {
  test('is a PanelPlugin whose defaults are the documented ones', async () => {
    const { plugin } = await import('../src/module.ts');
    expect(plugin).toBeInstanceOf(PanelPlugin);
    expect(plugin.defaults).toEqual(DEFAULT_OPTIONS);
  });

  test('migrates 0.1.x options when a panel loads, even one whose saved pluginVersion is current', async () => {
    const { plugin } = await import('../src/module.ts');
    const panel = { id: 1, type: 'flamelens-flamegraph-panel', pluginVersion: '0.2.0', options: { colorScheme: 'value', showSearch: false }, fieldConfig: { defaults: {}, overrides: [] } };
    expect(plugin.shouldMigrate?.(panel as never)).toBe(true);
    expect(await plugin.onPanelMigration?.(panel as never)).toEqual({ showToolbar: false });
    expect(plugin.shouldMigrate?.({ ...panel, options: DEFAULT_OPTIONS } as never)).toBe(false);
  });

  test('offers Unit and Decimals of the standard field options, as Grafana’s flame graph does, and no others', async () => {
    const { FIELD_CONFIG } = await import('../src/module.ts');
    const disabled = FIELD_CONFIG.disableStandardOptions.map(String);
    expect(disabled).not.toContain('unit');
    expect(disabled).not.toContain('decimals');
    for (const hidden of ['min', 'max', 'color', 'thresholds', 'mappings', 'links', 'noValue', 'displayName']) expect(disabled).toContain(hidden);
  });
});

/** [major, minor, patch] of a version string. */
const parts = (version: string) => version.split('.').map(Number) as [number, number, number];
const atLeast = (version: string, minimum: string) => {
  const [a, b] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
};

describe('plugin.json', () => {
  const meta = json('src/plugin.json');

  test('a panel with an id Grafana accepts (org-name-panel, lowercase) and the required info', () => {
    expect(meta.type).toBe('panel');
    expect(meta.id).toMatch(/^[0-9a-z]+-([0-9a-z]+-)?panel$/);
    expect(meta.id).toMatch(/^flamelens-[0-9a-z]+-panel$/);
    expect(meta.info.keywords.length).toBeGreaterThan(0);
    expect(meta.info.version).toBe('%VERSION%');
    expect(meta.info.updated).toBe('%TODAY%');
    for (const logo of [meta.info.logos.small, meta.info.logos.large]) expect(readFileSync(path.resolve(here, 'src', logo), 'utf8')).toContain('<svg');
  });

  test('grafanaDependency is one open-ended range whose floor is the oldest Grafana the harness runs', () => {
    const range: string = meta.dependencies.grafanaDependency;
    expect(range).toMatch(/^>=\d+\.\d+\.\d+$/);
    const floor = range.slice(2);
    const tested = ['r18', 'r19'].map((setup) => json(`../../e2e/grafana/hosts/${setup}/package.json`).dependencies['@grafana/data'] as string);
    for (const version of tested) expect(atLeast(version, floor)).toBe(true);
    const oldest = tested.sort((a, b) => (atLeast(a, b) ? 1 : -1))[0]!;
    // the floor is the oldest tested minor: nothing older is claimed
    expect(parts(floor).slice(0, 2)).toEqual(parts(oldest).slice(0, 2));
  });
});
