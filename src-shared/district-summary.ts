import { z } from 'zod';

/**
 * What the service tells a window about the loaded district before any case arrives: the counts a
 * newcomer checks first ("is the whole district there?"). Answer of `GET /api/district/summary`.
 */
export const StreetSummarySchema = z.object({
  /** 9-digit street code, e.g. "110101001". */
  code: z.string(),
  name: z.string(),
  communities: z.number().int().nonnegative(),
  grids: z.number().int().nonnegative(),
});

const count = z.number().int().nonnegative();

export const DistrictSummarySchema = z.object({
  name: z.string(),
  streets: count,
  communities: count,
  grids: count,
  gridTypes: z.object({ A: count, B: count, C: count }),
  components: count,
  componentKinds: count,
  cameras: count,
  departments: count,
  users: count,
  /** One row per street, in the district's own order. */
  byStreet: z.array(StreetSummarySchema),
  /** Every community's name, so screens can say 多福巷社区 rather than 110101001001. */
  communityNames: z.array(z.object({ code: z.string(), name: z.string(), streetCode: z.string() })),
});

export type StreetSummary = z.infer<typeof StreetSummarySchema>;
export type DistrictSummary = z.infer<typeof DistrictSummarySchema>;
