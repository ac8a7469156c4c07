import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTRICT_FILES, serialiseDistrict } from '../../../src-server/district/files';
import { DEFAULT_SEED, generateDistrict } from '../../../src-server/district/generate';
import { loadDistrict } from '../../../src-server/district/load';
import { repoDistrictDir } from '../../../src-server/district/paths';
import { readSource } from '../../../src-server/district/source';

const dir = repoDistrictDir();
const source = await readSource(join(dir, 'source'));

describe('demo district generation', () => {
  // Each generation takes ≈ 1–2.5 s on the 2-core machines (polygon clipping dominates), so
  // this file runs three of them and no more.
  it('gives byte-identical files for the same seed, and another district for another seed', async () => {
    const first = serialiseDistrict(generateDistrict(source, { seed: 7, components: 2_000 }));
    const second = serialiseDistrict(generateDistrict(source, { seed: 7, components: 2_000 }));
    for (const name of DISTRICT_FILES) expect(second[name] === first[name], name).toBe(true);
    const committed = await readFile(join(dir, 'district.json'), 'utf8');
    expect(first['district.json'] === committed).toBe(false);
  }, 60_000);

  it('matches the committed resources/district (regenerate with `npm run district`, never edit by hand)', async () => {
    const district = generateDistrict(source, { seed: DEFAULT_SEED });
    const files = serialiseDistrict(district);
    for (const name of DISTRICT_FILES) {
      const committed = await readFile(join(dir, name), 'utf8');
      // A boolean, not toBe on 1 MB strings: a mismatch should say which file, not print both.
      expect(committed === files[name], `${name} differs from a fresh generation`).toBe(true);
    }
    // And the loader gives back exactly what the generator built.
    expect(await loadDistrict(dir)).toEqual(district);
    expect(await loadDistrict()).toEqual(district);
  }, 60_000);

  it('refuses a folder without district files', async () => {
    await expect(loadDistrict(join(dir, 'source'))).rejects.toThrow(/npm run district/);
  });
});
