import {
  buildModuleUrl,
  Cesium3DTileset,
  CesiumWidget,
  Color,
  Credit,
  EllipsoidTerrainProvider,
  ImageryLayer,
  Rectangle,
  SceneMode,
  TileMapServiceImageryProvider,
  UrlTemplateImageryProvider,
  WebMapTileServiceImageryProvider,
  type ImageryProvider,
} from 'cesium';
import type { ImagerySettings, MapSettings } from '../../../src-shared/contract/map';
import { setCesiumBaseUrl } from './cesium-base';

/** West, south, east, north in degrees (display datum). */
export type Bounds = [west: number, south: number, east: number, north: number];

/**
 * The base imagery: Cesium's bundled NaturalEarthII (levels 0–2 only: at district scale it is a
 * coloured backdrop; the district's own vectors carry the city), or the deployment's own
 * WMTS / XYZ service. Never Cesium ion, never the internet unless configured.
 */
async function imageryProvider(imagery: ImagerySettings): Promise<ImageryProvider> {
  switch (imagery.kind) {
    case 'bundled':
      return TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII'), { maximumLevel: 2 });
    case 'xyz':
      return new UrlTemplateImageryProvider({
        url: imagery.url,
        maximumLevel: imagery.maximumLevel,
        ...(imagery.credit ? { credit: new Credit(imagery.credit) } : {}),
      });
    case 'wmts':
      return new WebMapTileServiceImageryProvider({
        url: imagery.url,
        layer: imagery.layer,
        style: imagery.style,
        tileMatrixSetID: imagery.tileMatrixSetID,
        format: imagery.format,
        maximumLevel: imagery.maximumLevel,
        ...(imagery.credit ? { credit: new Credit(imagery.credit) } : {}),
      });
  }
}

export interface CityViewer {
  widget: CesiumWidget;
  /** Flies (or jumps, with 0 s) to the whole district. */
  home(seconds?: number): void;
  setMode(mode: '2d' | '3d'): void;
  /** Resolves once the configured buildings tileset is on the map (at once without one). */
  buildings: Promise<void>;
}

/**
 * A CesiumWidget (no Viewer: its Knockout widgets need eval, which the desk's CSP forbids, and a
 * wall needs none of them) set up for a 24/7 screen: renders only when something changed
 * (requestRenderMode), no MSAA (software GPUs), no sky box or atmosphere (a city view from above).
 */
export function createCityViewer(container: HTMLElement, settings: MapSettings, bounds: Bounds): CityViewer {
  setCesiumBaseUrl();
  const rectangle = Rectangle.fromDegrees(...bounds);
  const baseLayer = ImageryLayer.fromProviderAsync(imageryProvider(settings.imagery));
  if (settings.imagery.kind === 'bundled') {
    // The bundled world imagery is only a backdrop at this scale: dim it so the district's own
    // lines, grids and markers carry the picture on a dark control-room screen.
    baseLayer.brightness = 0.45;
    baseLayer.saturation = 0.6;
  }
  const widget = new CesiumWidget(container, {
    baseLayer,
    terrainProvider: new EllipsoidTerrainProvider(),
    skyBox: false,
    skyAtmosphere: false,
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    msaaSamples: 1,
    showRenderLoopErrors: true,
    // A wall runs for weeks: no animation of the clock, the scene changes only with data.
    shouldAnimate: false,
  });
  const scene = widget.scene;
  // Where imagery is missing (bundled tiles stop at level 2) the globe shows this dark blue.
  scene.globe.baseColor = Color.fromCssColorString('#0b1622');
  scene.globe.showGroundAtmosphere = false;
  scene.globe.enableLighting = false;
  scene.fog.enabled = false;
  if (scene.sun) scene.sun.show = false;
  if (scene.moon) scene.moon.show = false;
  scene.screenSpaceCameraController.minimumZoomDistance = 80;
  scene.screenSpaceCameraController.maximumZoomDistance = 400_000;

  const home = (seconds = 1.2): void => {
    if (seconds <= 0) widget.camera.setView({ destination: rectangle });
    else widget.camera.flyTo({ destination: rectangle, duration: seconds });
    scene.requestRender();
  };
  home(0);

  const setMode = (mode: '2d' | '3d'): void => {
    const target = mode === '2d' ? SceneMode.SCENE2D : SceneMode.SCENE3D;
    if (scene.mode === target) return;
    if (mode === '2d') scene.morphTo2D(0);
    else scene.morphTo3D(0);
    home(0);
  };

  const buildings = settings.buildingsUrl
    ? Cesium3DTileset.fromUrl(settings.buildingsUrl).then((tileset) => {
        if (!widget.isDestroyed()) scene.primitives.add(tileset);
      })
    : Promise.resolve();
  return { widget, home, setMode, buildings };
}
