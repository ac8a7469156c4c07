import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_INTAKE_KEY, intakeKeys, resolveConfig, sqliteFile } from '../../../src-server/config';

const defaults = { dataDir: '/var/lib/grid' };

describe('service configuration', () => {
  it('runs the live demo on embedded SQLite with no configuration at all', () => {
    const c = resolveConfig({ defaults });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 5178, demo: true, simulator: { enabled: true, ratePerDay: 4_700, profile: 'mature' }, deadlines: { reminderShare: 0.8 } });
    expect(c.databaseUrl).toBeUndefined();
    expect(sqliteFile(c)).toBe('/var/lib/grid/cases.db');
  });

  it('layers file < environment < flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grid-config-'));
    const file = join(dir, 'grid.json');
    writeFileSync(file, JSON.stringify({ port: 6000, simulator: { profile: 'struggling', speed: 5 }, databaseUrl: 'postgres://file/db' }));
    const c = resolveConfig({ file, env: { GRID_PORT: '7000', GRID_SIMULATOR_SPEED: '10' }, flags: { port: 8000 }, defaults });
    expect(c.port).toBe(8000);
    expect(c.simulator).toMatchObject({ profile: 'struggling', speed: 10 });
    expect(c.databaseUrl).toBe('postgres://file/db');
  });

  it('lists every problem in words, and names a missing or broken file', () => {
    expect(() => resolveConfig({ flags: { port: 99_999, databaseUrl: 'mysql://x' }, defaults })).toThrow(/port[\s\S]*databaseUrl: must start with postgres/);
    expect(() => resolveConfig({ file: '/nonexistent/grid.json', defaults })).toThrow(ConfigError);
    const dir = mkdtempSync(join(tmpdir(), 'grid-config-'));
    writeFileSync(join(dir, 'bad.json'), '{ port: ');
    expect(() => resolveConfig({ file: join(dir, 'bad.json'), defaults })).toThrow(/not valid JSON/);
    expect(() => resolveConfig({ flags: { tokens: { short: 'leader-1' } }, defaults })).toThrow(/at least 16 characters/);
  });

  it('accepts the documented demo intake key only in demo mode', () => {
    expect(intakeKeys(resolveConfig({ defaults })).open311ApiKeys).toContain(DEMO_INTAKE_KEY);
    const shared = resolveConfig({ env: { GRID_DEMO: '0' }, flags: { open311ApiKeys: ['district-app-key-1'] }, defaults });
    expect(intakeKeys(shared)).toEqual({ open311ApiKeys: ['district-app-key-1'], hotlineApiKeys: [], cameraApiKeys: [] });
  });
});
