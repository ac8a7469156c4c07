import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentRowsAnswerSchema, districtMapAnswerSchema } from '../../../src-shared/contract/map';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';

describe('web desk HTTP: the city view data', () => {
  let desk: RunningWebDesk;
  let configured: RunningWebDesk;

  beforeAll(async () => {
    const base = { host: '127.0.0.1', port: 0, districtDir: process.env['DISTRICT_DIR'], logger: pino({ level: 'silent' }), deadlines: false as const };
    desk = await startWebDesk(base);
    configured = await startWebDesk({
      ...base,
      map: { districtDatum: 'WGS84', imagery: { kind: 'wmts', url: 'https://t0.example.gov.cn/img_w/wmts', layer: 'img', style: 'default', tileMatrixSetID: 'w', format: 'tiles', maximumLevel: 18, datum: 'WGS84' } },
    });
  });

  afterAll(async () => {
    await desk?.close();
    await configured?.close();
  });

  it('answers boundaries and every grid with its supervisor, and the bundled imagery by default', async () => {
    const response = await fetch(`${desk.origin}/api/district/map`);
    expect(response.status).toBe(200);
    const answer = districtMapAnswerSchema.parse(await response.json());
    const district = desk.parts.district.district;
    expect(answer.settings).toEqual({ districtDatum: 'GCJ02', imagery: { kind: 'bundled' } });
    expect(answer.district.streets).toHaveLength(district.streets.length);
    expect(answer.district.communities).toHaveLength(district.communities.length);
    expect(answer.district.grids).toHaveLength(district.grids.length);
    const grid = district.grids[7]!;
    expect(answer.district.grids[7]).toEqual({
      code: grid.code,
      type: grid.type,
      communityCode: grid.communityCode,
      streetCode: grid.streetCode,
      polygon: grid.polygon,
      centroid: grid.centroid,
      supervisorId: grid.supervisorId,
    });
  });

  it('answers the components as rows', async () => {
    const answer = componentRowsAnswerSchema.parse(await (await fetch(`${desk.origin}/api/district/components`)).json());
    const first = desk.parts.district.district.components[0]!;
    expect(answer.rows).toHaveLength(desk.parts.district.district.components.length);
    expect(answer.rows[0]).toEqual([first.code, first.kindCode, first.lon, first.lat, first.gridCode]);
  });

  it("passes a deployment's imagery settings on to the map", async () => {
    const answer = districtMapAnswerSchema.parse(await (await fetch(`${configured.origin}/api/district/map`)).json());
    expect(answer.settings.districtDatum).toBe('WGS84');
    expect(answer.settings.imagery).toMatchObject({ kind: 'wmts', layer: 'img', tileMatrixSetID: 'w' });
  });
});
