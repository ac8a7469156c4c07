import type { Page } from 'playwright-core';

/** JS heap after a forced garbage collection (CDP), in MB: what stays, not what waits for the GC. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1e6;
}

/** DOM nodes and event listeners (CDP Performance metrics). */
export async function domMetrics(page: Page): Promise<{ nodes: number; listeners: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

export async function waitMapReady(page: Page, timeout = 180_000): Promise<void> {
  await page.locator('[data-test="city-map"][data-status="ready"]').waitFor({ timeout });
}
