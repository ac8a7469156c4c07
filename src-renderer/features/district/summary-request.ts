import { DistrictSummarySchema, type DistrictSummary } from '../../../src-shared/district-summary';
import { serviceOrigin } from '../../app/service-origin';

/** Fetches the district summary from the case service (same origin on the web desk, loopback in Electron). */
export async function requestDistrictSummary(signal?: AbortSignal): Promise<DistrictSummary> {
  const response = await fetch(`${await serviceOrigin()}/api/district/summary`, {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The payload crossed the network: check it against the shared contract, not a cast.
  const parsed = DistrictSummarySchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('unexpected summary payload');
  return parsed.data;
}
