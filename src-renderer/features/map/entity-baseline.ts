import { Cartesian3, Color, Entity, PolygonHierarchy, type CesiumWidget } from 'cesium';
import { viewWedge } from '../../../src-shared/geo/view-wedge';
import type { MapScene } from './map-data';
import type { ComponentPoint } from './layers/component-layer';

/**
 * The naive map the bench compares against: one Entity per grid, component, camera wedge and
 * case — the known slow path (ARCHITECTURE.md). Loaded only by the bench (dynamic import), never
 * by the product's layers.
 */
export function addEntityBaseline(widget: CesiumWidget, scene: MapScene, components: readonly ComponentPoint[], cases: readonly { lon: number; lat: number }[]): number {
  const entities = widget.entities;
  const fill = Color.fromCssColorString('rgba(79, 195, 247, 0.25)');
  entities.suspendEvents();
  for (const grid of scene.grids) {
    entities.add(
      new Entity({
        polygon: {
          hierarchy: new PolygonHierarchy(grid.ring.slice(0, -1).map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat))),
          material: fill,
          outline: true,
          outlineColor: Color.WHITE,
          height: 0,
        },
      }),
    );
  }
  for (const c of components) entities.add(new Entity({ position: Cartesian3.fromDegrees(c.lon, c.lat, 3), point: { pixelSize: 4, color: Color.PLUM } }));
  for (const camera of scene.cameras) {
    const [ring = []] = viewWedge([camera.lon, camera.lat], camera.headingDeg, camera.fovDeg, camera.rangeM);
    entities.add(new Entity({ position: Cartesian3.fromDegrees(camera.lon, camera.lat, 6), point: { pixelSize: 8, color: Color.MAGENTA } }));
    entities.add(new Entity({ polygon: { hierarchy: new PolygonHierarchy(ring.slice(0, -1).map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat))), material: Color.MAGENTA.withAlpha(0.2), height: 1 } }));
  }
  for (const c of cases) entities.add(new Entity({ position: Cartesian3.fromDegrees(c.lon, c.lat, 8), point: { pixelSize: 10, color: Color.ORANGE } }));
  entities.resumeEvents();
  return entities.values.length;
}
