import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

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
    // Relative asset URLs: the same out/renderer works over file:// in Electron and over
    // HTTP from any path (a big-screen PC may serve it under /wall/ behind a proxy).
    base: './',
    plugins: [vue()],
    define: {
      // vue-i18n feature flags: composition API only, no devtools hooks in production builds.
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    build: {
      // electron-vite would target Electron's own Chrome only; the web desk also runs in the
      // browsers of big-screen PCs and departments, so aim at ES2022 (Chrome/Edge 94+, Firefox 93+).
      target: 'es2022',
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: resolve('src-renderer/index.html'),
      },
    },
  },
});
