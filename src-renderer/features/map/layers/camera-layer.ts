import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  NearFarScalar,
  PerInstanceColorAppearance,
  PointPrimitiveCollection,
  PolygonGeometry,
  PolygonHierarchy,
  Primitive,
  type Scene,
} from 'cesium';
import { viewWedge } from '../../../../src-shared/geo/view-wedge';
import { CAMERA_COLOUR, CAMERA_WEDGE } from '../map-styles';
import { pickId } from './pick-ids';
import { positionsOf } from './positions';

export interface CameraMark {
  id: string;
  /** Display datum. */
  lon: number;
  lat: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
}

/**
 * Cameras: a point each, and their view wedges (heading ± half the field of view, out to the
 * useful range) as one Primitive — clicking either shows the camera on the video wall.
 */
export class CameraLayer {
  private readonly points: PointPrimitiveCollection;
  private readonly wedges: Primitive;

  constructor(
    private readonly scene: Scene,
    cameras: readonly CameraMark[],
  ) {
    this.points = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    const colour = Color.fromCssColorString(CAMERA_COLOUR);
    const wedgeColour = ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(CAMERA_WEDGE));
    const instances: GeometryInstance[] = [];
    const scale = new NearFarScalar(1_500, 1, 20_000, 0.35);
    for (const camera of cameras) {
      this.points.add({
        id: pickId('camera', camera.id),
        position: Cartesian3.fromDegrees(camera.lon, camera.lat, 6),
        color: colour,
        pixelSize: 8,
        outlineColor: Color.WHITE,
        outlineWidth: 1.5,
        scaleByDistance: scale,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
      const [ring = []] = viewWedge([camera.lon, camera.lat], camera.headingDeg, camera.fovDeg, camera.rangeM);
      instances.push(
        new GeometryInstance({
          id: pickId('camera', camera.id),
          geometry: new PolygonGeometry({ polygonHierarchy: new PolygonHierarchy(positionsOf(ring, 1)), height: 1, vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT }),
          attributes: { color: wedgeColour },
        }),
      );
    }
    this.wedges = scene.primitives.add(
      new Primitive({ geometryInstances: instances, appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }), asynchronous: true }),
    ) as Primitive;
  }

  get wedgePrimitive(): Primitive {
    return this.wedges;
  }

  set show(visible: boolean) {
    this.points.show = visible;
    this.wedges.show = visible;
    this.scene.requestRender();
  }
}
