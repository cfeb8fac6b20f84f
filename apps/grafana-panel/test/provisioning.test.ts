/** The provisioning example in provisioning/: a dashboard that a user's Grafana can load as it is. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { importNestedSet, isDiffTree, nestedSetFromJson } from '@flamelens/core';
import { DEFAULT_OPTIONS } from '../src/options.ts';

const here = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');
const pluginId = JSON.parse(read('src/plugin.json')).id as string;

interface Panel {
  type: string;
  datasource: { uid: string };
  options: Record<string, unknown>;
  targets: { datasource: { uid: string }; scenarioId?: string; rawFrameContent?: string }[];
}
const dashboard = JSON.parse(read('provisioning/dashboards/flamelens-example.json')) as { panels: Panel[] };
const datasourceUids = [...read('provisioning/datasources/flamelens-example.yaml').matchAll(/^\s+uid: (\S+)$/gm)].map((m) => m[1]);

describe('the example dashboard', () => {
  test('every panel is a Flamelens panel with known options, on a provisioned data source', () => {
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels) {
      expect(panel.type).toBe(pluginId);
      for (const key of Object.keys(panel.options)) expect(Object.keys(DEFAULT_OPTIONS)).toContain(key);
      expect(datasourceUids).toContain(panel.datasource.uid);
      for (const target of panel.targets) expect(datasourceUids).toContain(target.datasource.uid);
    }
  });

  test('the TestData panel’s raw frame is a diff the panel reads', () => {
    const raw = dashboard.panels.flatMap((p) => p.targets).find((t) => t.scenarioId === 'raw_frame')!;
    const tree = importNestedSet(nestedSetFromJson(raw.rawFrameContent!));
    expect(isDiffTree(tree)).toBe(true);
    expect(tree.info.dropped).toEqual([]);
  });
});
