/**
 * How the wall fills a screen. The composition is designed on a 1920 × 1080 canvas of "units";
 * a unit becomes `unit` CSS pixels, the smaller of the two fits, so 3840 × 2160 gets unit 2.
 *
 * Why a unit and not `transform: scale()`: a transform scales the painted result, so canvases
 * (the WebGL map, the ECharts charts) would be drawn at 1920 × 1080 and stretched — soft at 4K.
 * With the unit, every box, font and canvas is laid out at its real pixel size: text is set at
 * 32 px on a 4K wall, not 16 px enlarged, and the map and charts render at full resolution.
 *
 * A wall wider than 16:9 (several displays side by side) keeps the height and gets more units
 * across: the map column takes the extra width and more camera tiles fit under it. A taller one
 * keeps the width and the extra height goes to the map.
 */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

/** Side columns, the camera row and the gaps, in units (WallView's grid uses the same numbers). */
export const WALL_GRID = { left: 460, right: 520, header: 76, bottom: 270, gap: 14, padding: 14 } as const;
/** A camera tile is 16:9 under its caption; never more tiles than the demo encoders like to run. */
const TILE_CAPTION = 30;
const MAX_TILES = 6;

export interface WallScale {
  /** CSS pixels per design unit. */
  unit: number;
  /** The canvas in units: 1920 × 1080 at 16:9, wider or taller otherwise. */
  width: number;
  height: number;
}

export function wallScale(viewport: { width: number; height: number }): WallScale {
  if (!(viewport.width > 0 && viewport.height > 0)) return { unit: 1, width: DESIGN_WIDTH, height: DESIGN_HEIGHT };
  const unit = Math.min(viewport.width / DESIGN_WIDTH, viewport.height / DESIGN_HEIGHT);
  return { unit, width: viewport.width / unit, height: viewport.height / unit };
}

/** The map column's width in units (what is left between the side columns). */
export function centreWidth(scale: WallScale): number {
  const { left, right, gap, padding } = WALL_GRID;
  return scale.width - left - right - 2 * gap - 2 * padding;
}

/** How many camera tiles fit in a row under the map, at least one. */
export function cameraTiles(scale: WallScale): number {
  const { bottom, gap } = WALL_GRID;
  const tileWidth = ((bottom - TILE_CAPTION) * 16) / 9;
  return Math.max(1, Math.min(MAX_TILES, Math.floor((centreWidth(scale) + gap) / (tileWidth + gap))));
}
