import { Cartesian2, Cartesian3, Cartographic, Math as CesiumMath, Rectangle, SceneTransforms, ScreenSpaceEventHandler, ScreenSpaceEventType } from 'cesium';
import { createCityViewer, type CityViewer } from './city-viewer';
import { BoundaryLayer } from './layers/boundary-layer';
import { CameraLayer } from './layers/camera-layer';
import { CaseLayer } from './layers/case-layer';
import { ComponentLayer, type ComponentPoint } from './layers/component-layer';
import { GridLayer, waitReady } from './layers/grid-layer';
import { parsePick, type MapPick } from './layers/pick-ids';
import { SceneRingLayer } from './layers/scene-ring-layer';
import type { MapScene } from './map-data';
import { sceneViewRange } from './scene-ring';

export const MAP_LAYERS = ['boundaries', 'grids', 'components', 'cameras', 'cases'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

/**
 * The 3D city view without Vue: the viewer, its layers, picking and camera moves. MapView owns
 * one and destroys it on unmount; everything it creates (primitives, handlers, timers) is freed
 * by `destroy()`, so a wall that switches views for weeks does not grow.
 */
export class CityMap {
  readonly grids: GridLayer;
  readonly cases: CaseLayer;
  readonly cameras: CameraLayer;
  private readonly boundaries: BoundaryLayer;
  private components: ComponentLayer | undefined;
  /** Made on first use: only the duty screen shows a scene. */
  private sceneRing: SceneRingLayer | undefined;
  private readonly viewer: CityViewer;
  private readonly handler: ScreenSpaceEventHandler;
  private readonly pickListeners = new Set<(pick: MapPick | undefined) => void>();
  /** Listeners for the ground point under a click (display datum); one that answers true consumes the click. */
  private readonly groundClickListeners = new Set<(point: { lon: number; lat: number }) => boolean>();
  private readonly layerShown: Record<MapLayerName, boolean> = { boundaries: true, grids: true, components: true, cameras: true, cases: true };
  private destroyed = false;

  constructor(
    container: HTMLElement,
    private readonly scene: MapScene,
  ) {
    this.viewer = createCityViewer(container, scene.settings, scene.bounds);
    const cesiumScene = this.viewer.widget.scene;
    this.grids = new GridLayer(cesiumScene, scene.grids);
    this.boundaries = new BoundaryLayer(cesiumScene, { district: scene.boundary, streets: scene.streets, communities: scene.communities });
    this.cameras = new CameraLayer(cesiumScene, scene.cameras);
    this.cases = new CaseLayer(cesiumScene);
    this.handler = new ScreenSpaceEventHandler(cesiumScene.canvas);
    this.handler.setInputAction((click: { position: Cartesian2 }) => {
      // A form waiting for a place takes the click as a point, not as a pick of what is there.
      const ground = this.groundClickListeners.size ? this.groundAt(click.position.x, click.position.y) : undefined;
      if (ground) for (const listener of this.groundClickListeners) if (listener(ground)) return;
      const pick = this.pickAt(click.position.x, click.position.y);
      for (const listener of this.pickListeners) listener(pick);
    }, ScreenSpaceEventType.LEFT_CLICK);
  }

  /** Resolves when grids, outlines and camera wedges are drawable. */
  async ready(): Promise<void> {
    await this.grids.ready;
    await waitReady(this.viewer.widget.scene, [this.cameras.wedgePrimitive]);
  }

  addComponents(components: readonly ComponentPoint[]): void {
    if (this.destroyed || this.components) return;
    this.components = new ComponentLayer(this.viewer.widget.scene, components);
    this.components.show = this.layerShown.components;
  }

  get componentCount(): number {
    return this.components?.count ?? 0;
  }

  onPick(listener: (pick: MapPick | undefined) => void): () => void {
    this.pickListeners.add(listener);
    return () => this.pickListeners.delete(listener);
  }

  pickAt(x: number, y: number): MapPick | undefined {
    const scene = this.viewer.widget.scene;
    // drillPick: a case marker over a grid answers the marker first; the grid is still found.
    const picks = scene.drillPick(new Cartesian2(x, y), 4);
    for (const picked of picks) {
      const pick = parsePick(picked);
      if (pick) return pick;
    }
    return undefined;
  }

  setLayer(name: MapLayerName, visible: boolean): void {
    this.layerShown[name] = visible;
    if (name === 'grids') this.grids.show = visible;
    else if (name === 'boundaries') this.boundaries.show = visible;
    else if (name === 'cameras') this.cameras.show = visible;
    else if (name === 'cases') this.cases.show = visible;
    else if (this.components) this.components.show = visible;
    this.viewer.widget.scene.requestRender();
  }

  setMode(mode: '2d' | '3d'): void {
    this.viewer.setMode(mode);
  }

  home(): void {
    this.viewer.home();
  }

  /** Flies to a place (display datum), looking down at a slant in 3D so streets keep their depth. */
  flyTo(lon: number, lat: number, range = 900, seconds = 1.5): void {
    const camera = this.viewer.widget.camera;
    const pitch = CesiumMath.toRadians(-60);
    // Stand south of the point so that looking north at −60° centres it.
    const back = (range * Math.cos(pitch)) / 111_000;
    camera.flyTo({
      destination: Cartesian3.fromDegrees(lon, lat - back, range * Math.sin(-pitch)),
      orientation: { heading: 0, pitch, roll: 0 },
      duration: seconds,
    });
    this.viewer.widget.scene.requestRender();
  }

  flyToGrid(code: string, seconds = 1.5): boolean {
    const centre = this.scene.gridCentres.get(code);
    if (!centre) return false;
    this.flyTo(centre[0], centre[1], 700, seconds);
    return true;
  }

  flyToArea(ring: readonly (readonly [number, number])[], seconds = 1.5): void {
    const rectangle = Rectangle.fromCartographicArray(ring.map(([lon, lat]) => Cartographic.fromDegrees(lon, lat)));
    this.viewer.widget.camera.flyTo({ destination: rectangle, duration: seconds });
  }

  /**
   * An emergency's scene (display datum): the ring at its radius and the camera over it. The
   * ring is moved in place when the scene changes; no other layer is touched.
   */
  showScene(lon: number, lat: number, radiusMetres: number, seconds = 1.5): void {
    if (this.destroyed) return;
    this.sceneRing ??= new SceneRingLayer(this.viewer.widget.scene);
    this.sceneRing.show(lon, lat, radiusMetres);
    this.flyTo(lon, lat, sceneViewRange(radiusMetres), seconds);
  }

  hideScene(): void {
    this.sceneRing?.hide();
  }

  /** The scene shown now (display datum), for tests. */
  get sceneShown(): { lon: number; lat: number; radiusMetres: number } | undefined {
    return this.sceneRing?.current;
  }

  /** Where a place (display datum) is on the canvas, in CSS pixels; undefined when off screen. */
  canvasPositionOf(lon: number, lat: number, height = 0): { x: number; y: number } | undefined {
    const scene = this.viewer.widget.scene;
    const at = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(lon, lat, height));
    return at ? { x: at.x, y: at.y } : undefined;
  }

  /** The camera's place (display datum) and height, for tests and the wall's status line. */
  cameraPlace(): { lon: number; lat: number; height: number } {
    const c = this.viewer.widget.camera.positionCartographic;
    return { lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude), height: c.height };
  }

  onGroundClick(listener: (point: { lon: number; lat: number }) => boolean): () => void {
    this.groundClickListeners.add(listener);
    return () => this.groundClickListeners.delete(listener);
  }

  /** The globe under a window position, display datum (undefined off the globe). */
  groundAt(x: number, y: number): { lon: number; lat: number } | undefined {
    const scene = this.viewer.widget.scene;
    const ray = this.viewer.widget.camera.getPickRay(new Cartesian2(x, y));
    const hit = ray ? scene.globe.pick(ray, scene) : undefined;
    if (!hit) return undefined;
    const c = Cartographic.fromCartesian(hit);
    return { lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude) };
  }

  /** Where the camera looks at (the globe under the canvas centre), display datum. */
  lookingAt(): { lon: number; lat: number } | undefined {
    const scene = this.viewer.widget.scene;
    const canvas = scene.canvas;
    const ray = this.viewer.widget.camera.getPickRay(new Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2));
    const hit = ray ? scene.globe.pick(ray, scene) : undefined;
    if (!hit) return undefined;
    const c = Cartographic.fromCartesian(hit);
    return { lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude) };
  }

  requestRender(): void {
    this.viewer.widget.scene.requestRender();
  }

  /** The widget, for the bench's Entity baseline only. */
  get widgetForBench(): CityViewer['widget'] {
    return this.viewer.widget;
  }

  /** The Cesium scene, for the benches' frame timing only. */
  get cesiumScene(): CityViewer['widget']['scene'] {
    return this.viewer.widget.scene;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pickListeners.clear();
    this.groundClickListeners.clear();
    this.cases.destroy();
    this.handler.destroy();
    // Destroying the widget destroys its scene and every primitive and collection in it.
    this.viewer.widget.destroy();
  }
}
