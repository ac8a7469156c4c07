/**
 * Every pickable map object carries a string id `<kind>:<id>` (grid code, case id, camera id,
 * component code). Strings, because Cesium finds a primitive's instance attributes by `===` on
 * its id, and because a pick then needs no reference to the layer that drew it.
 */
export const PICK_KINDS = ['grid', 'case', 'camera', 'component'] as const;
export type PickKind = (typeof PICK_KINDS)[number];

export interface MapPick {
  kind: PickKind;
  id: string;
}

export function pickId(kind: PickKind, id: string): string {
  return `${kind}:${id}`;
}

/** The object under the pointer, from what `scene.pick` returned (anything, or nothing). */
export function parsePick(picked: unknown): MapPick | undefined {
  const id = typeof picked === 'object' && picked !== null && 'id' in picked ? (picked as { id: unknown }).id : undefined;
  if (typeof id !== 'string') return undefined;
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  return colon > 0 && (PICK_KINDS as readonly string[]).includes(kind) ? { kind: kind as PickKind, id: id.slice(colon + 1) } : undefined;
}
