import { describe, expect, it } from 'vitest';
import { parsePick, pickId } from '../../../src-renderer/features/map/layers/pick-ids';
import { mapMessages } from '../../../src-renderer/features/map/i18n';
import { searchMap } from '../../../src-renderer/features/map/map-search';
import { caseMarkerStyle, componentColour, CASE_GROUP_COLOURS, OVERDUE_COLOUR } from '../../../src-renderer/features/map/map-styles';
import { displayDatum, mapSettingsSchema } from '../../../src-shared/contract/map';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('map picking ids', () => {
  it('round-trips every kind and ignores what is not ours', () => {
    expect(parsePick({ id: pickId('grid', '11010100100101') })).toEqual({ kind: 'grid', id: '11010100100101' });
    expect(parsePick({ id: pickId('case', 'case:with:colons') })).toEqual({ kind: 'case', id: 'case:with:colons' });
    expect(parsePick({ id: 'tileset:1' })).toBeUndefined();
    expect(parsePick({ primitive: {} })).toBeUndefined();
    expect(parsePick(undefined)).toBeUndefined();
  });
});

describe('map search', () => {
  const index = {
    grids: [{ code: '11010100100101' }, { code: '11010100100102' }, { code: '11010100200101' }],
    communities: [{ code: '110101001001', name: '多福巷社区' }],
    streets: [{ code: '110101001', name: '东华门街道' }],
    cases: () => [{ id: 'c1', number: 'DC20261123-00042' }],
  };

  it('finds grids by their code, the exact one first', () => {
    expect(searchMap(index, '11010100100102').map((h) => h.id)).toEqual(['11010100100102']);
    expect(searchMap(index, '110101001001').map((h) => h.id)).toEqual(['11010100100101', '11010100100102']);
  });

  it('finds communities, streets and case numbers; too short a query finds nothing', () => {
    expect(searchMap(index, '多福')).toEqual([{ kind: 'community', id: '110101001001', label: '多福巷社区' }]);
    expect(searchMap(index, '东华门')[0]).toMatchObject({ kind: 'street' });
    expect(searchMap(index, 'dc20261123-00042')).toEqual([{ kind: 'case', id: 'c1', label: 'DC20261123-00042' }]);
    expect(searchMap(index, '1')).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(searchMap(index, '1101', 2)).toHaveLength(2);
  });
});

describe('map styles', () => {
  it('colours a case by its link, red when overdue, larger with a ring when urgent', () => {
    expect(caseMarkerStyle({ stage: 'dispatched', urgency: 'normal', emergency: false }, false)).toMatchObject({ colour: CASE_GROUP_COLOURS.handling, ring: false, pulse: false });
    const urgent = caseMarkerStyle({ stage: 'registered', urgency: 'urgent', emergency: false }, true);
    expect(urgent).toMatchObject({ colour: OVERDUE_COLOUR, ring: true, pulse: true });
    expect(urgent.size).toBeGreaterThan(caseMarkerStyle({ stage: 'registered', urgency: 'normal', emergency: false }, true).size);
  });

  it('colours components by their CJ/T 214 class', () => {
    expect(componentColour('C0112')).not.toBe(componentColour('C0401'));
    expect(componentColour('C9901')).toBe('#e0e0e0');
  });

  it('has the same texts in both languages', () => {
    expect(keys(mapMessages.en).sort()).toEqual(keys(mapMessages.zh).sort());
  });
});

describe('map settings', () => {
  it('defaults to the bundled imagery over GCJ-02 district data, drawn in WGS84', () => {
    const settings = mapSettingsSchema.parse({});
    expect(settings).toEqual({ districtDatum: 'GCJ02', imagery: { kind: 'bundled' } });
    expect(displayDatum(settings)).toBe('WGS84');
  });

  it('draws in the datum of configured imagery (AMap-style GCJ-02 tiles need no conversion)', () => {
    const settings = mapSettingsSchema.parse({ imagery: { kind: 'xyz', url: 'https://tiles.example.gov.cn/{z}/{x}/{y}.png', datum: 'GCJ02' } });
    expect(displayDatum(settings)).toBe('GCJ02');
  });

  it('refuses an XYZ URL without its placeholders, and non-HTTP URLs', () => {
    expect(mapSettingsSchema.safeParse({ imagery: { kind: 'xyz', url: 'https://tiles.example.gov.cn/tile.png' } }).success).toBe(false);
    expect(mapSettingsSchema.safeParse({ buildingsUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(mapSettingsSchema.safeParse({ imagery: { kind: 'wmts', url: 'https://t.example/wmts', layer: 'img', tileMatrixSetID: 'w' } }).success).toBe(true);
  });
});
