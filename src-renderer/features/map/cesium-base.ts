/**
 * Cesium finds its workers and bundled assets (NaturalEarthII imagery, …) under CESIUM_BASE_URL.
 * The build copies them to ./cesium/ beside index.html (electron.vite.config.ts), so the base is
 * relative to the page: it works over file:// in Electron and under any path over HTTP.
 * Must run before Cesium builds its first module URL, i.e. before a viewer is created.
 */
export function setCesiumBaseUrl(): void {
  (window as unknown as { CESIUM_BASE_URL: string }).CESIUM_BASE_URL = new URL('./cesium/', document.baseURI).href;
}
