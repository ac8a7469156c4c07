import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rings } from './geometry';
import { toRings } from './geometry';

/** The real reference data the demo district is built from (resources/district/source). */
export interface DistrictSource {
  boundary: Rings;
  streets: { code: string; name: string }[];
  communities: { code: string; name: string; streetCode: string }[];
}

export async function readSource(dir: string): Promise<DistrictSource> {
  const [geojson, streetsCsv, communitiesCsv] = await Promise.all([
    readFile(join(dir, 'district-boundary.geojson'), 'utf8'),
    readFile(join(dir, 'streets.csv'), 'utf8'),
    readFile(join(dir, 'communities.csv'), 'utf8'),
  ]);
  const streets = parseCsv(streetsCsv).map((r) => ({ code: field(r, 'code'), name: field(r, 'name') }));
  const communities = parseCsv(communitiesCsv).map((r) => ({
    code: field(r, 'code'),
    name: field(r, 'name'),
    streetCode: field(r, 'street_code'),
  }));
  return { boundary: boundaryOf(geojson), streets, communities };
}

function boundaryOf(text: string): Rings {
  const parsed = JSON.parse(text) as {
    features?: { geometry?: { type?: string; coordinates?: number[][][] } }[];
  };
  const geometry = parsed.features?.[0]?.geometry;
  if (geometry?.type !== 'Polygon' || !geometry.coordinates) {
    throw new Error('district-boundary.geojson: expected one Feature with a Polygon');
  }
  return toRings(geometry.coordinates);
}

/** The source CSVs are plain (no quotes, no commas in names) and use CRLF line ends. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!header) return [];
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()]));
  });
}

function field(row: Record<string, string>, name: string): string {
  const value = row[name];
  if (!value) throw new Error(`CSV row without ${name}: ${JSON.stringify(row)}`);
  return value;
}
