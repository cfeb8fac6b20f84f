// Grafana's index.html sets window.grafanaBootData before any bundle runs; @grafana/runtime reads it
// when its module is evaluated. This module is imported first by host.js, so it runs first.
const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'light' ? 'light' : 'dark';
window.grafanaBootData = {
  assets: { dark: '', light: '' },
  settings: {
    appSubUrl: '',
    buildInfo: { version: 'host-harness', edition: 'Open Source', env: 'production' },
    featureToggles: {},
    theme,
    bootData: {},
  },
  user: { id: 1, login: 'harness', name: 'harness', orgId: 1, orgRole: 'Admin', theme, timezone: 'browser', locale: 'en-US', language: 'en-US' },
  navTree: [],
};
