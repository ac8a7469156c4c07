import { buildRenderer, defaultRendererDir, isRendererStale, probedRendererDir, projectRoot } from '../../../src-server/renderer-build';

/**
 * The renderer a test serves, built first when any source is newer (a test never runs
 * yesterday's page). By default the test build, which carries the window hooks the tests and
 * benches read; `{ probes: false }` is the product's own out/renderer, which must not.
 */
export async function testRenderer(options: { probes?: boolean } = {}): Promise<{ rendererDir: string; buildMs: number | null }> {
  const root = projectRoot();
  const probes = options.probes ?? true;
  const rendererDir = probes ? probedRendererDir(root) : defaultRendererDir(root);
  if (!isRendererStale(rendererDir, root)) return { rendererDir, buildMs: null };
  const startedAt = performance.now();
  await buildRenderer(root, 'ignore', { probes });
  return { rendererDir, buildMs: Math.round(performance.now() - startedAt) };
}
