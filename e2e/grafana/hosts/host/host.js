// The host page: loads the panel plugin the way Grafana's frontend does (public/app/features/plugins/loader):
// SystemJS with its AMD extra, the shared modules registered as `package:<name>` in an import map, then
// System.import of /public/plugins/<id>/module.js and its `plugin` export rendered with real PanelProps.
// Bundled per set-up (r18, r19) by ../build-host.mjs with that set-up's React and @grafana/* packages.
// window.flamelensHost is what the Playwright specs drive.
import './boot.js';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { createRoot } from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as GrafanaData from '@grafana/data';
import * as GrafanaUi from '@grafana/ui';
import * as GrafanaRuntime from '@grafana/runtime';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import * as i18next from 'i18next';
import lodash from 'lodash';
import moment from 'moment';
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

const PLUGIN_ID = 'flamelens-flamegraph-panel';

/**
 * Grafana's shared dependencies (loader/sharedDependencies.ts) that these set-ups install. Only these are
 * registered: a plugin importing anything else fails to load here as it would in Grafana. lodash and
 * moment are wrapped with __useDefault as Grafana does.
 */
const SHARED = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': GrafanaData,
  '@grafana/runtime': GrafanaRuntime,
  '@grafana/ui': GrafanaUi,
  i18next,
  lodash: { ...lodash, default: lodash, __useDefault: true },
  moment: { ...moment, default: moment, __useDefault: true },
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxDevRuntime,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

function registerSharedModules() {
  const imports = {};
  for (const [name, module] of Object.entries(SHARED)) {
    System.set(`package:${name}`, { ...module });
    imports[name] = `package:${name}`;
  }
  System.addImportMap({ imports });
}

/** Grafana core fills the options-editor registry at boot; without it every builder.add*() throws. */
function initEditorRegistry() {
  const ids = ['boolean', 'text', 'number', 'radio', 'select', 'multiSelect', 'color', 'unit', 'slider', 'fieldColor', 'mappings', 'thresholds', 'links', 'strings', 'interval', 'custom', 'stats-picker', 'timezone', 'field-name', 'dashboard-uid'];
  GrafanaData.standardEditorsRegistry.setInit(() => ids.map((id) => ({ id, name: id, editor: () => null })));
  GrafanaData.standardFieldConfigEditorRegistry.setInit(standardFieldConfigs);
}

/**
 * Grafana core also fills the standard field-config registry at boot (getAllStandardFieldConfigs in
 * app/core): without it a plugin's fieldConfigRegistry is empty and applyFieldOverrides drops the panel's
 * Unit and Decimals. Unit and Decimals process values as Grafana's do (unit for every field, decimals for
 * number fields); the other standard options are listed so `disableStandardOptions` has them to remove.
 */
function standardFieldConfigs() {
  const { FieldConfigProperty: P, FieldType, stringOverrideProcessor, numberOverrideProcessor } = GrafanaData;
  const item = (id, process, shouldApply) => ({ id, path: id, name: id, editor: () => null, override: () => null, process, shouldApply, settings: {} });
  const real = [item(P.Unit, stringOverrideProcessor, () => true), item(P.Decimals, numberOverrideProcessor, (field) => field.type === FieldType.number)];
  const others = Object.values(P)
    .filter((id) => id !== P.Unit && id !== P.Decimals)
    .map((id) => item(id, (value) => value, () => false));
  return [...real, ...others];
}

let plugin = null;
let root = null;
let last = null;
/** Each render() mounts a fresh panel (a new key); update() re-renders the same one, as Grafana does on resize. */
let mount = 0;

const themes = { dark: GrafanaData.createTheme({ colors: { mode: 'dark' } }), light: GrafanaData.createTheme({ colors: { mode: 'light' } }) };

/** Loads module.js through SystemJS, as Grafana's importPluginModule does, and checks the export. */
async function load() {
  const module = await System.import(`/public/plugins/${PLUGIN_ID}/module.js`);
  if (!module.plugin) throw new Error('missing export: plugin');
  plugin = module.plugin;
  const meta = await (await fetch(`/public/plugins/${PLUGIN_ID}/plugin.json`)).json();
  plugin.meta = meta;
  return {
    react: React.version,
    grafana: GrafanaData.PanelPlugin === plugin.constructor ? 'shared' : 'duplicate',
    instanceOfPanelPlugin: plugin instanceof GrafanaData.PanelPlugin,
    defaults: plugin.defaults,
    fieldConfigDefaults: plugin.fieldConfigDefaults,
    id: meta.id,
  };
}

/**
 * Renders the panel with frames (DataFrameDTOs, types guessed where absent, as toDataFrame does) and the
 * field config applied the way Grafana's query runner applies it (applyFieldOverrides).
 */
function render(props) {
  mount++;
  return draw(props);
}

function draw({ frames, width = 1000, height = 500, theme = 'dark', options = {}, fieldConfig = { defaults: {}, overrides: [] } }) {
  const grafanaTheme = themes[theme];
  const raw = frames.map((f) => GrafanaData.toDataFrame(f));
  const series = GrafanaData.applyFieldOverrides({
    data: raw,
    fieldConfig,
    replaceVariables: (s) => s,
    theme: grafanaTheme,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
  });
  const props = {
    id: 1,
    title: 'Flamelens',
    data: { state: GrafanaData.LoadingState.Done, series, timeRange: GrafanaData.getDefaultTimeRange() },
    timeRange: GrafanaData.getDefaultTimeRange(),
    timeZone: 'browser',
    options: { ...plugin.defaults, ...options },
    fieldConfig,
    transparent: false,
    width,
    height,
    renderCounter: 1,
    replaceVariables: (s) => s,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    onChangeTimeRange: () => {},
    eventBus: new GrafanaData.EventBusSrv(),
  };
  const container = document.getElementById('panel');
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  container.style.background = grafanaTheme.colors.background.primary;
  root ??= createRoot(container);
  const startedAt = performance.now();
  root.render(
    React.createElement(GrafanaData.ThemeContext.Provider, { value: grafanaTheme }, React.createElement(plugin.panel, { ...props, key: mount })),
  );
  last = { frames, width, height, theme, options, fieldConfig };
  return startedAt;
}

/** Re-renders the last frames with some props changed (resize, theme switch, options). */
const update = (changes) => draw({ ...last, ...changes });

/** A value as Grafana's own formatter writes it in `unit` (the oracle for tooltip texts). */
const format = (unit, value, decimals) => GrafanaData.formattedValueToString(GrafanaData.getValueFormat(unit)(value, decimals));

/**
 * Every paint of a flame graph canvas in the panel, as { at, draws, ms }: `at` is when the paint ended
 * (a MutationObserver sees the renderer's data-draws change right after it), `ms` the paint's own time
 * (data-draw-ms, exact for the last paint of a batch). What the specs and `npm run bench` time the panel with.
 */
const paintLog = [];
new MutationObserver((records) => {
  const at = performance.now();
  for (const record of records) {
    const canvas = record.target;
    // two paints in one task arrive in one batch: the count is the old value plus one, not the current one
    if (canvas.tagName === 'CANVAS') paintLog.push({ at, draws: Number(record.oldValue ?? 0) + 1, ms: Number(canvas.dataset.drawMs) });
  }
}).observe(document.getElementById('panel'), { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-draws'] });

/** What Grafana does with a saved panel when the plugin loads: asks shouldMigrate, runs the migration handler. */
async function migrate(options) {
  const panel = { id: 1, type: PLUGIN_ID, pluginVersion: plugin.meta.info.version, options, fieldConfig: { defaults: {}, overrides: [] } };
  return { shouldMigrate: plugin.shouldMigrate?.(panel) ?? false, options: await plugin.onPanelMigration?.(panel) };
}

window.flamelensHost = {
  load,
  render,
  update,
  format,
  migrate,
  paints: () => paintLog.slice(),
  theme: (mode) => ({ background: themes[mode].colors.background.primary, text: themes[mode].colors.text.primary }),
};

try {
  registerSharedModules();
  initEditorRegistry();
  document.getElementById('status').textContent = 'ready';
} catch (error) {
  document.getElementById('status').textContent = `boot failed: ${error}`;
  throw error;
}
