import { Cartesian3, Color, Material, PointPrimitiveCollection, PolylineCollection, type PointPrimitive, type Polyline, type Scene } from 'cesium';
import { SCENE_CENTRE, SCENE_RING_LINE, sceneRing } from '../scene-ring';

/**
 * The scene of an emergency on the map: a ring at the plan's radius around the case, and a dot
 * at its centre. One polyline and one point, made once and moved in place when the scene
 * changes (another case, another plan's radius): no layer is rebuilt, nothing accumulates.
 * Both are in the scene's primitives, so destroying the widget frees them.
 */
export class SceneRingLayer {
  private readonly lines: PolylineCollection;
  private readonly points: PointPrimitiveCollection;
  private readonly ring: Polyline;
  private readonly centre: PointPrimitive;
  private shown: { lon: number; lat: number; radiusMetres: number } | undefined;

  constructor(private readonly scene: Scene) {
    this.lines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
    this.points = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.ring = this.lines.add({
      positions: [Cartesian3.ZERO, Cartesian3.UNIT_X],
      width: 3,
      material: Material.fromType('Color', { color: Color.fromCssColorString(SCENE_RING_LINE) }),
      show: false,
    });
    this.centre = this.points.add({
      position: Cartesian3.ZERO,
      color: Color.fromCssColorString(SCENE_RING_LINE),
      pixelSize: 12,
      outlineColor: Color.fromCssColorString(SCENE_CENTRE),
      outlineWidth: 2,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
      show: false,
    });
  }

  /** Shows the ring around a place (display datum). */
  show(lon: number, lat: number, radiusMetres: number): void {
    this.ring.positions = sceneRing([lon, lat], radiusMetres).map(([x, y]) => Cartesian3.fromDegrees(x, y, 4));
    this.ring.show = true;
    this.centre.position = Cartesian3.fromDegrees(lon, lat, 10);
    this.centre.show = true;
    this.shown = { lon, lat, radiusMetres };
    this.scene.requestRender();
  }

  hide(): void {
    this.ring.show = false;
    this.centre.show = false;
    this.shown = undefined;
    this.scene.requestRender();
  }

  /** What is shown (display datum), for tests. */
  get current(): { lon: number; lat: number; radiusMetres: number } | undefined {
    return this.shown;
  }
}
