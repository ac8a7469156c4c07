import {
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolygonOutlineGeometry,
  Primitive,
  type Scene,
} from 'cesium';
import type { GridType } from '../../../../src-shared/district/types';
import { GRID_HIGHLIGHT, GRID_OUTLINE, GRID_TYPE_FILLS } from '../map-styles';
import { pickId } from './pick-ids';
import { positionsOf, type DisplayRing } from './positions';

export interface GridShape {
  code: string;
  type: GridType;
  /** Outer ring in the display datum. */
  ring: DisplayRing;
}


/**
 * The ~1,650 unit grids as ONE Primitive with a colour per instance (and one for their outlines),
 * not one Entity per grid: a single draw call, and heat or a highlight changes an instance's
 * colour attribute in place, never the geometry.
 */
export class GridLayer {
  private readonly fills: Primitive;
  private readonly outlines: Primitive;
  private readonly baseColour = new Map<string, Color>();
  /** Colour each grid shows now (heat or base), restored when a highlight moves on. */
  private readonly shown = new Map<string, Color>();
  private highlighted: string | undefined;

  constructor(
    private readonly scene: Scene,
    grids: readonly GridShape[],
  ) {
    const fills: GeometryInstance[] = [];
    const outlines: GeometryInstance[] = [];
    for (const grid of grids) {
      const colour = Color.fromCssColorString(GRID_TYPE_FILLS[grid.type]);
      this.baseColour.set(grid.code, colour);
      this.shown.set(grid.code, colour);
      const hierarchy = new PolygonHierarchy(positionsOf(grid.ring));
      const id = pickId('grid', grid.code);
      fills.push(
        new GeometryInstance({
          id,
          geometry: new PolygonGeometry({ polygonHierarchy: hierarchy, vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT }),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(colour) },
        }),
      );
      outlines.push(
        new GeometryInstance({
          id,
          geometry: new PolygonOutlineGeometry({ polygonHierarchy: hierarchy }),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(GRID_OUTLINE)) },
        }),
      );
    }
    this.fills = scene.primitives.add(
      new Primitive({
        geometryInstances: fills,
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
        // Geometry is built in Cesium's web workers: the page stays responsive while it loads.
        asynchronous: true,
      }),
    ) as Primitive;
    this.outlines = scene.primitives.add(
      new Primitive({
        geometryInstances: outlines,
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
        asynchronous: true,
        allowPicking: false,
      }),
    ) as Primitive;
  }

  /** Resolves when both primitives are on the GPU (instance attributes can be set from then). */
  get ready(): Promise<void> {
    return waitReady(this.scene, [this.fills, this.outlines]);
  }

  set show(visible: boolean) {
    this.fills.show = visible;
    this.outlines.show = visible;
  }

  /** Heat colours (CSS) per grid (absent grids go back to their base colour); only changed instances are written. */
  paint(colours: ReadonlyMap<string, string>): void {
    for (const [code, base] of this.baseColour) {
      const css = colours.get(code);
      const next = css ? this.colourOf(css) : base;
      if (Color.equals(this.shown.get(code), next)) continue;
      this.shown.set(code, next);
      if (code !== this.highlighted) this.write(code, next);
    }
    this.scene.requestRender();
  }

  highlight(code: string | undefined): void {
    if (code === this.highlighted) return;
    const previous = this.highlighted;
    this.highlighted = code && this.baseColour.has(code) ? code : undefined;
    if (previous) this.write(previous, this.shown.get(previous) ?? Color.TRANSPARENT);
    if (this.highlighted) this.write(this.highlighted, Color.fromCssColorString(GRID_HIGHLIGHT));
    this.scene.requestRender();
  }

  private colourOf(css: string): Color {
    let colour = this.cssColours.get(css);
    // Heat colours are translucent so the street lines and labels still show through.
    if (!colour) this.cssColours.set(css, (colour = Color.fromCssColorString(css).withAlpha(0.62)));
    return colour;
  }

  private readonly cssColours = new Map<string, Color>();

  get highlightedGrid(): string | undefined {
    return this.highlighted;
  }

  private write(code: string, colour: Color): void {
    const attributes = this.attributesOf(code);
    if (attributes) attributes.color = ColorGeometryInstanceAttribute.toValue(colour, attributes.color);
  }

  /**
   * Cesium finds an instance's attributes by a linear search over the ids; with 1,650 grids a
   * full repaint would be quadratic, so the handles are looked up once and kept.
   */
  private attributesOf(code: string): { color: Uint8Array } | undefined {
    if (!this.fills.ready) return undefined;
    let handle = this.handles.get(code);
    if (!handle) {
      handle = this.fills.getGeometryInstanceAttributes(pickId('grid', code)) as { color: Uint8Array } | undefined;
      if (handle) this.handles.set(code, handle);
    }
    return handle;
  }

  private readonly handles = new Map<string, { color: Uint8Array }>();
}

export async function waitReady(scene: Scene, primitives: readonly Primitive[]): Promise<void> {
  while (!primitives.every((p) => p.isDestroyed() || p.ready)) {
    scene.requestRender();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
