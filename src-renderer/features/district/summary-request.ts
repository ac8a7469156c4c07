import { DistrictSummarySchema, type DistrictSummary } from '../../../src-shared/district-summary';

/**
 * Fetches the district summary from the service. The URL is relative on purpose: the web desk is
 * served with its API on the same origin and may sit under any path (base './').
 */
export async function requestDistrictSummary(signal?: AbortSignal): Promise<DistrictSummary> {
  const response = await fetch('api/district/summary', {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The payload crossed the network: check it against the shared contract, not a cast.
  const parsed = DistrictSummarySchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('unexpected summary payload');
  return parsed.data;
}
