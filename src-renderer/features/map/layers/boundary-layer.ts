import {
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Material,
  PolylineCollection,
  VerticalOrigin,
  type Scene,
} from 'cesium';
import { COMMUNITY_LINE, DISTRICT_LINE, STREET_LINE } from '../map-styles';
import { positionsOf, type DisplayRing } from './positions';

export interface NamedArea {
  code: string;
  name: string;
  ring: DisplayRing;
  /** Where its label goes (display datum). */
  labelAt: readonly [number, number];
}

/**
 * District, street and community boundaries (one PolylineCollection: a handful of draw calls)
 * with their names (one LabelCollection). Community names appear only when zoomed in, so the
 * district view reads as 17 streets, not 169 overlapping words.
 */
export class BoundaryLayer {
  private readonly lines: PolylineCollection;
  private readonly labels: LabelCollection;

  constructor(
    private readonly scene: Scene,
    input: { district: DisplayRing; streets: readonly NamedArea[]; communities: readonly NamedArea[] },
  ) {
    this.lines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
    this.labels = scene.primitives.add(new LabelCollection({ scene })) as LabelCollection;
    const line = (ring: DisplayRing, width: number, colour: string): void => {
      const positions = positionsOf(ring, 2);
      const first = positions[0];
      if (first) positions.push(first);
      this.lines.add({ positions, width, material: Material.fromType('Color', { color: Color.fromCssColorString(colour) }) });
    };
    for (const c of input.communities) line(c.ring, 1, COMMUNITY_LINE);
    for (const s of input.streets) line(s.ring, 2, STREET_LINE);
    line(input.district, 3, DISTRICT_LINE);

    const near = new DistanceDisplayCondition(0, 6_000);
    for (const s of input.streets) this.label(s, '600 17px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', Color.fromCssColorString('#fff8e1'));
    for (const c of input.communities) this.label(c, '13px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', Color.fromCssColorString('#e0f7fa'), near);
  }

  private label(area: NamedArea, font: string, fillColor: Color, distanceDisplayCondition?: DistanceDisplayCondition): void {
    this.labels.add({
      position: Cartesian3.fromDegrees(area.labelAt[0], area.labelAt[1], 5),
      text: area.name,
      font,
      fillColor,
      outlineColor: Color.BLACK,
      outlineWidth: 3,
      style: LabelStyle.FILL_AND_OUTLINE,
      horizontalOrigin: HorizontalOrigin.CENTER,
      verticalOrigin: VerticalOrigin.CENTER,
      pixelOffset: Cartesian2.ZERO,
      // Names stay readable above grids, markers and the globe.
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
      ...(distanceDisplayCondition ? { distanceDisplayCondition } : {}),
    });
  }

  set show(visible: boolean) {
    this.lines.show = visible;
    this.labels.show = visible;
    this.scene.requestRender();
  }
}
