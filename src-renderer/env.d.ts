/// <reference types="vite/client" />
import type { DeskApi } from '../src-shared/desk-api';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Present in the Electron desk (preload bridge), absent in a plain browser. */
    deskApi?: DeskApi;
  }
}
