import type { CityComponent, District } from '../../src-shared/district/types';

/**
 * The on-disk shape of the demo district (resources/district):
 *
 *   district.json     { meta, boundary, streets, communities, grids }
 *   components.json   { columns: ['code','kindCode','lon','lat','gridCode'], rows: [[…], …] }
 *                     arrays, not objects: 20,000 rows stay ≈ 1.3 MB instead of ≈ 2 MB
 *   cameras.json      Camera[]
 *   departments.json  Department[]
 *   users.json        DemoUser[]
 *
 * Compact JSON with one record per line: small, and a regenerated file diffs line by line.
 * Key order is the order the generator builds objects in, and every number was rounded
 * (6 decimals for degrees, 2 for m²) before it got here, so the bytes depend only on the seed.
 */
export const DISTRICT_FILES = [
  'district.json',
  'components.json',
  'cameras.json',
  'departments.json',
  'users.json',
] as const;
export type DistrictFile = (typeof DISTRICT_FILES)[number];

export const COMPONENT_COLUMNS = ['code', 'kindCode', 'lon', 'lat', 'gridCode'] as const;
export type ComponentRow = [code: string, kindCode: string, lon: number, lat: number, gridCode: string];

export function serialiseDistrict(d: District): Record<DistrictFile, string> {
  return {
    'district.json': linesObject({
      meta: d.meta,
      boundary: d.boundary,
      streets: records(d.streets),
      communities: records(d.communities),
      grids: records(d.grids),
    }),
    'components.json': linesObject({
      columns: COMPONENT_COLUMNS,
      rows: records(d.components.map(toRow)),
    }),
    'cameras.json': recordsText(d.cameras),
    'departments.json': recordsText(d.departments),
    'users.json': recordsText(d.users),
  };
}

export function toRow(c: CityComponent): ComponentRow {
  return [c.code, c.kindCode, c.lon, c.lat, c.gridCode];
}

export function fromRow(row: unknown): CityComponent {
  if (!Array.isArray(row) || row.length !== COMPONENT_COLUMNS.length) {
    throw new Error(`components.json: bad row ${JSON.stringify(row)}`);
  }
  const [code, kindCode, lon, lat, gridCode] = row as unknown[];
  if (
    typeof code !== 'string' ||
    typeof kindCode !== 'string' ||
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    typeof gridCode !== 'string'
  ) {
    throw new Error(`components.json: bad row ${JSON.stringify(row)}`);
  }
  return { code, kindCode, lon, lat, gridCode };
}

/** Marks an array to be written one element per line. */
class Records {
  constructor(readonly items: readonly unknown[]) {}
}
const records = (items: readonly unknown[]): Records => new Records(items);

function recordsText(items: readonly unknown[]): string {
  return `${recordsBody(items)}\n`;
}

function recordsBody(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
}

function linesObject(fields: Record<string, unknown>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v instanceof Records ? recordsBody(v.items) : JSON.stringify(v)}`)
    .join(',\n');
  return `{\n${body}\n}\n`;
}
