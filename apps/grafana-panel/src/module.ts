/**
 * The plugin entry Grafana imports (`public/plugins/<id>/module.js`): a PanelPlugin named `plugin`.
 * Standard field options are off except Unit and Decimals, as in Grafana's own flame graph panel. Saved
 * 0.1.x options are migrated when a panel loads (see `migrateOptions`).
 */
import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { FlamePanel } from './FlamePanel.tsx';
import { buildOptions, hasOldOptions, migrateOptions, type PanelOptions } from './options.ts';

const KEEP = new Set<string>([FieldConfigProperty.Unit, FieldConfigProperty.Decimals]);

/** Every standard field option off but Unit and Decimals (values' unit and precision in tooltip and table). */
export const FIELD_CONFIG = { disableStandardOptions: Object.values(FieldConfigProperty).filter((p) => !KEEP.has(p)) };

export const plugin = new PanelPlugin<PanelOptions>(FlamePanel)
  .useFieldConfig(FIELD_CONFIG)
  .setPanelOptions(buildOptions)
  // Also when the saved pluginVersion already matches (a hand-written or provisioned JSON with old keys).
  .setMigrationHandler(migrateOptions, (panel) => hasOldOptions(panel.options));
