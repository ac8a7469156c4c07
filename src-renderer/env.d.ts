/// <reference types="vite/client" />
import type { DeskApi } from '../src-shared/desk-api';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  /**
   * True only in the test build (GRID_PROBES=1 → out/renderer-probed): the window hooks e2e tests
   * and benches read (window.gridMap, gridWall, gridVideo, __kpiLiveCharts). The product build
   * compiles them out.
   */
  const __GRID_PROBES__: boolean;
  interface Window {
    /** Present in the Electron desk (preload bridge), absent in a plain browser. */
    deskApi?: DeskApi;
  }
}
