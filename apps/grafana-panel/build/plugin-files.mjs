/**
 * Writes the files Grafana reads next to module.js: plugin.json (version and date stamped, as
 * create-plugin's build does, plus `buildMode`), the logo, README, CHANGELOG and the repository's LICENSE.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const here = path.resolve(import.meta.dirname, '..');

export function pluginFiles() {
  return {
    name: 'flamelens-plugin-files',
    generateBundle() {
      const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
      const today = new Date().toISOString().slice(0, 10);
      const meta = JSON.parse(readFileSync(path.join(here, 'src/plugin.json'), 'utf8'));
      meta.info.version = meta.info.version.replace('%VERSION%', pkg.version);
      meta.info.updated = meta.info.updated.replace('%TODAY%', today);
      meta.buildMode = process.env.NODE_ENV === 'development' ? 'development' : 'production';
      const emit = (fileName, source) => this.emitFile({ type: 'asset', fileName, source });
      emit('plugin.json', JSON.stringify(meta, null, 2) + '\n');
      emit('img/logo.svg', readFileSync(path.join(here, 'src/img/logo.svg')));
      emit('README.md', readFileSync(path.join(here, 'README.md')));
      emit('CHANGELOG.md', readFileSync(path.join(here, 'CHANGELOG.md')));
      emit('LICENSE', readFileSync(path.join(here, '../../LICENSE')));
    },
  };
}
