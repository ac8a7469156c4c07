import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * CesiumJS loads its web workers, its bundled imagery (NaturalEarthII) and other static assets
 * at run time from CESIUM_BASE_URL, not through the bundler: copy them beside the renderer as
 * ./cesium/ (and serve them from node_modules in dev). Everything the map needs ships with the
 * app; nothing is fetched from the internet or Cesium ion.
 */
function cesiumStaticAssets(): Plugin {
  const source = resolve('node_modules/cesium/Build/Cesium');
  const folders = ['Workers', 'ThirdParty', 'Assets'];
  return {
    name: 'grid-cesium-static-assets',
    configureServer(server) {
      server.middlewares.use('/cesium', (request, response, next) => {
        const file = normalize(join(source, decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')));
        if (!file.startsWith(source) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(response);
      });
    },
    writeBundle(options) {
      if (!options.dir) return;
      for (const folder of folders) cpSync(join(source, folder), join(options.dir, 'cesium', folder), { recursive: true });
    },
  };
}

// GRID_PROBES=1: the test build, with the window hooks e2e tests and benches read, into its own
// folder so the product's out/renderer never carries them.
const probes = process.env['GRID_PROBES'] === '1';

// One build, three outputs: out/main (Electron main), out/preload (the bridge), out/renderer
// (the Vue app). out/renderer is also the web desk that `npm run serve` hands to a plain browser.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The embedded case service is built beside the main process: Electron forks it with
      // utilityProcess (src-main/index.ts), so it must be a file of its own.
      lib: { entry: { index: resolve('src-main/index.ts'), embedded: resolve('src-server/embedded.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve('src-main/preload.ts') },
      rolldownOptions: {
        // A sandboxed preload cannot be an ES module: Electron loads it as CommonJS
        // whatever package.json says, so we force cjs here.
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    // Relative asset URLs: the same out/renderer works at app://desk in Electron and over
    // HTTP from any path (a big-screen PC may serve it under /wall/ behind a proxy).
    base: './',
    plugins: [vue(), cesiumStaticAssets()],
    define: {
      // vue-i18n feature flags: composition API only, no devtools hooks in production builds.
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
      __GRID_PROBES__: JSON.stringify(probes),
    },
    build: {
      // electron-vite would target Electron's own Chrome only; the web desk also runs in the
      // browsers of big-screen PCs and departments, so aim at ES2022 (Chrome/Edge 94+, Firefox 93+).
      target: 'es2022',
      // electron-vite leaves the renderer unminified; the web desk goes to big-screen PCs over a
      // network, and a map window parses Cesium's 10 MB: minify (Vite's default, oxc).
      // GRID_NO_MINIFY=1 keeps names for a profile (BENCH_QUEUE_PROFILE=1 npm run bench -- queue-render).
      minify: process.env['GRID_NO_MINIFY'] !== '1',
      outDir: resolve(probes ? 'out/renderer-probed' : 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: resolve('src-renderer/index.html'),
      },
    },
  },
});
