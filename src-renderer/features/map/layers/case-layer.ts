import { Cartesian3, Color, NearFarScalar, PointPrimitiveCollection, type PointPrimitive, type Scene } from 'cesium';
import type { CaseMarkerStyle } from '../map-styles';
import { pickId } from './pick-ids';

export interface CaseMark {
  id: string;
  /** Display datum. */
  lon: number;
  lat: number;
  style: CaseMarkerStyle;
}

const PULSE_MS = 400;
/** Full size at street level, a third at district level: 1,500 markers must not hide the city. */
const SCALE_BY_DISTANCE = new NearFarScalar(1_500, 1, 20_000, 0.4);

/**
 * Live cases as one PointPrimitiveCollection keyed by case id. A case event changes that one
 * point (colour, size, position) or adds / removes it; the collection is never rebuilt. Overdue
 * cases pulse: a timer flips their size a few times a second and asks for one frame — the scene
 * is otherwise idle (requestRenderMode), and nothing is allocated per frame.
 */
export class CaseLayer {
  private readonly points: PointPrimitiveCollection;
  private readonly byId = new Map<string, { point: PointPrimitive; style: CaseMarkerStyle; lon: number; lat: number }>();
  private readonly colours = new Map<string, Color>();
  private readonly pulsing = new Set<string>();
  private pulseTimer: ReturnType<typeof setInterval> | undefined;
  private pulseUp = false;

  constructor(private readonly scene: Scene) {
    this.points = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
  }

  get count(): number {
    return this.byId.size;
  }

  /** Adds or restyles a case's marker; only what changed is written. */
  put(mark: CaseMark): void {
    const known = this.byId.get(mark.id);
    if (!known) {
      const point = this.points.add({
        id: pickId('case', mark.id),
        position: Cartesian3.fromDegrees(mark.lon, mark.lat, 8),
        scaleByDistance: SCALE_BY_DISTANCE,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
      this.byId.set(mark.id, { point, style: mark.style, lon: mark.lon, lat: mark.lat });
      this.apply(point, mark.style);
    } else {
      if (known.lon !== mark.lon || known.lat !== mark.lat) {
        known.point.position = Cartesian3.fromDegrees(mark.lon, mark.lat, 8, undefined, known.point.position);
        known.lon = mark.lon;
        known.lat = mark.lat;
      }
      if (!sameStyle(known.style, mark.style)) {
        known.style = mark.style;
        this.apply(known.point, mark.style);
      }
    }
    this.trackPulse(mark.id, mark.style.pulse);
    this.scene.requestRender();
  }

  remove(caseId: string): void {
    const known = this.byId.get(caseId);
    if (!known) return;
    this.points.remove(known.point);
    this.byId.delete(caseId);
    this.trackPulse(caseId, false);
    this.scene.requestRender();
  }

  /** Case ids on the map (to find the ones that left the window's replica). */
  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  set show(visible: boolean) {
    this.points.show = visible;
    this.scene.requestRender();
  }

  destroy(): void {
    if (this.pulseTimer) clearInterval(this.pulseTimer);
    this.pulseTimer = undefined;
  }

  private apply(point: PointPrimitive, style: CaseMarkerStyle): void {
    point.color = this.colour(style.colour);
    point.pixelSize = style.size;
    point.outlineColor = style.ring ? Color.WHITE : Color.BLACK;
    point.outlineWidth = style.ring ? 2.5 : 1;
  }

  private colour(css: string): Color {
    let colour = this.colours.get(css);
    if (!colour) this.colours.set(css, (colour = Color.fromCssColorString(css)));
    return colour;
  }

  private trackPulse(caseId: string, pulse: boolean): void {
    if (pulse) this.pulsing.add(caseId);
    else this.pulsing.delete(caseId);
    if (this.pulsing.size > 0 && !this.pulseTimer) this.pulseTimer = setInterval(() => this.pulse(), PULSE_MS);
    if (this.pulsing.size === 0 && this.pulseTimer) {
      clearInterval(this.pulseTimer);
      this.pulseTimer = undefined;
    }
  }

  private pulse(): void {
    if (!this.points.show || this.scene.isDestroyed()) return;
    this.pulseUp = !this.pulseUp;
    for (const id of this.pulsing) {
      const known = this.byId.get(id);
      if (known) known.point.pixelSize = known.style.size + (this.pulseUp ? 6 : 0);
    }
    this.scene.requestRender();
  }
}

function sameStyle(a: CaseMarkerStyle, b: CaseMarkerStyle): boolean {
  return a.colour === b.colour && a.size === b.size && a.ring === b.ring && a.pulse === b.pulse;
}
