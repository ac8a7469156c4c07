import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Camera,
  CityComponent,
  Community,
  DemoUser,
  Department,
  District,
  DistrictMeta,
  PolygonRings,
  Street,
  UnitGrid,
} from '../../src-shared/district/types';
import { COMPONENT_COLUMNS, fromRow } from './files';
import { defaultDistrictDir } from './paths';

/**
 * Reads the demo district (or an operator's own files in the same shape) from `dir`; by default
 * the repo's resources/district, found relative to this module. Checks the shape of what it
 * reads at this boundary (files can be hand-edited or stale) and fails with the file's name.
 */
export async function loadDistrict(dir?: string): Promise<District> {
  const base = dir ?? defaultDistrictDir();
  const read = async (name: string): Promise<unknown> => {
    const path = join(base, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new Error(`district: cannot read ${path} (run \`npm run district\` to generate it)`, { cause: error });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`district: ${path} is not valid JSON`, { cause: error });
    }
  };
  const [main, components, cameras, departments, users] = await Promise.all([
    read('district.json'),
    read('components.json'),
    read('cameras.json'),
    read('departments.json'),
    read('users.json'),
  ]);

  const m = object(main, 'district.json');
  const meta = object(m.meta, 'district.json meta') as unknown as DistrictMeta;
  if (meta.code !== '110101') throw new Error(`district.json: unexpected district code ${String(meta.code)}`);
  const c = object(components, 'components.json');
  if (JSON.stringify(c.columns) !== JSON.stringify(COMPONENT_COLUMNS)) {
    throw new Error(`components.json: expected columns ${COMPONENT_COLUMNS.join(',')}`);
  }
  return {
    meta,
    boundary: array(m.boundary, 'district.json boundary') as PolygonRings,
    streets: array(m.streets, 'district.json streets') as Street[],
    communities: array(m.communities, 'district.json communities') as Community[],
    grids: array(m.grids, 'district.json grids') as UnitGrid[],
    components: array(c.rows, 'components.json rows').map(fromRow) satisfies CityComponent[],
    cameras: array(cameras, 'cameras.json') as Camera[],
    departments: array(departments, 'departments.json') as Department[],
    users: array(users, 'users.json') as DemoUser[],
  };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what}: expected an object`);
  return value as Record<string, unknown>;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected an array`);
  return value;
}
