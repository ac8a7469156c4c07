import { Cartesian3, Color, DistanceDisplayCondition, NearFarScalar, PointPrimitiveCollection, type Scene } from 'cesium';
import { componentColour } from '../map-styles';
import { pickId } from './pick-ids';

export interface ComponentPoint {
  code: string;
  kindCode: string;
  lon: number;
  lat: number;
}

/**
 * City components (部件) — 20,000 in the demo, 168,000 in the real district — as one
 * PointPrimitiveCollection coloured by class, shown from street level (≤ 5 km): at district scale
 * they would be noise. Kinds can be hidden one by one without rebuilding anything.
 */
export class ComponentLayer {
  private readonly points: PointPrimitiveCollection;
  private readonly byKind = new Map<string, { show: boolean }[]>();

  constructor(
    private readonly scene: Scene,
    components: readonly ComponentPoint[],
  ) {
    this.points = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    const colours = new Map<string, Color>();
    const near = new DistanceDisplayCondition(0, 5_000);
    const scale = new NearFarScalar(300, 1.4, 5_000, 0.6);
    for (const c of components) {
      let colour = colours.get(c.kindCode);
      if (!colour) colours.set(c.kindCode, (colour = Color.fromCssColorString(componentColour(c.kindCode))));
      const point = this.points.add({
        id: pickId('component', c.code),
        position: Cartesian3.fromDegrees(c.lon, c.lat, 3),
        color: colour,
        pixelSize: 4,
        outlineColor: Color.BLACK.withAlpha(0.6),
        outlineWidth: 1,
        distanceDisplayCondition: near,
        scaleByDistance: scale,
      });
      const list = this.byKind.get(c.kindCode) ?? [];
      list.push(point);
      this.byKind.set(c.kindCode, list);
    }
  }

  get count(): number {
    return this.points.length;
  }

  set show(visible: boolean) {
    this.points.show = visible;
    this.scene.requestRender();
  }

  showKind(kindCode: string, visible: boolean): void {
    for (const point of this.byKind.get(kindCode) ?? []) point.show = visible;
    this.scene.requestRender();
  }
}
