import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ACCOUNT_ROLES, type AccountRole, type AccountSummary, type AuditEntry } from '../../src-shared/contract/accounts';
import type { Refusal } from '../../src-shared/errors';
import { ConfigError, resolveConfig, sqliteFile, type ServiceConfig } from '../config';
import { projectRoot } from '../renderer-build';
import { districtFacts, openDatabase, type StorageConfig } from '../service/bootstrap';
import { DistrictIndex } from '../service/district-index';
import { loadDistrict } from '../district/load';
import { migrate } from '../store/migrations';
import { Accounts } from './accounts';
import { auditCsv } from './audit';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options]

Accounts and the audit log, on the storage the service is configured with (same --config,
--data, --database-url and GRID_* variables as npm run serve).

Commands:
  create-user --username U --name N --role R [--department D] [--street S] [--grids G1,G2]
              [--password-stdin]      roles: administrator, ${ACCOUNT_ROLES.filter((r) => r !== 'admin').join(', ')}
              (asks for the password twice on a terminal; --password-stdin reads one line)
  set-password --username U [--password-stdin]
  disable-user --username U           ends the person's sessions and closes their windows
  enable-user --username U            also clears a lock-out
  list-users
  audit [--since 2026-12-01] [--until 2026-12-31] [--csv]

Storage:
  --config FILE  --data DIR  --database-url postgres://…`;

/** How the commands talk to the person at the terminal; tests pass their own. */
export interface AdminIo {
  out(text: string): void;
  err(text: string): void;
  /** The new password: typed twice without echo on a terminal, or one line from stdin. */
  readPassword(options: { fromStdin: boolean }): Promise<string>;
}

/** `administrator` is what people call it; `admin` is the role's id in the loop's rules. */
export function roleOf(word: string): AccountRole | undefined {
  const role = word === 'administrator' ? 'admin' : word;
  return (ACCOUNT_ROLES as readonly string[]).includes(role) ? (role as AccountRole) : undefined;
}

function storageOf(config: ServiceConfig): StorageConfig {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: sqliteFile(config) };
}

function refused(io: AdminIo, r: Refusal): number {
  io.err(`${r.code}: ${r.message.en}\n        ${r.message.zh}\n`);
  return 1;
}

function accountLine(a: AccountSummary): string {
  const scope = a.departmentId ?? (a.gridCodes ? `${a.gridCodes.length} grids` : (a.streetCode ?? ''));
  const state = !a.enabled ? 'disabled' : a.lockedUntil && Date.parse(a.lockedUntil) > Date.now() ? `locked until ${a.lockedUntil}` : 'enabled';
  return [a.id.padEnd(24), a.name.padEnd(10), (a.role === 'admin' ? 'administrator' : a.role).padEnd(14), scope.padEnd(18), state].join(' ');
}

function auditLine(e: AuditEntry): string {
  return [String(e.seq).padStart(6), e.at, e.actorId, e.action, e.target ?? '-', JSON.stringify(e.detail), e.origin].join('  ');
}

/**
 * Runs one admin command; answers the exit code. The storage is opened (and migrated, as the
 * service would) for the command and closed after it.
 */
export async function runAdmin(argv: readonly string[], io: AdminIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        department: { type: 'string' },
        street: { type: 'string' },
        grids: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        since: { type: 'string' },
        until: { type: 'string' },
        csv: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${ADMIN_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    io.out(`${ADMIN_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (rest.length > 0) {
    io.err(`Unexpected "${rest.join(' ')}".\n`);
    return 2;
  }
  let config: ServiceConfig;
  try {
    config = resolveConfig({
      ...(values.config ? { file: values.config } : {}),
      env,
      flags: { ...(values.data ? { dataDir: values.data } : {}), ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}) },
      defaults: { dataDir: join(projectRoot(), 'var', 'demo') },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`The configuration is not valid:\n${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const needsUsername = ['create-user', 'set-password', 'disable-user', 'enable-user'].includes(command);
  if (needsUsername && !values.username) {
    io.err(`${command} needs --username.\n`);
    return 2;
  }
  const known = [...['create-user', 'set-password', 'disable-user', 'enable-user'], 'list-users', 'audit'];
  if (!known.includes(command)) {
    io.err(`Unknown command "${command}".\n\n${ADMIN_USAGE}\n`);
    return 2;
  }

  const db = openDatabase(storageOf(config));
  try {
    await migrate(db);
    // Only a new account names the district's departments and grids; the other commands need no district.
    const district = command === 'create-user' ? districtFacts(new DistrictIndex(await loadDistrict(config.districtDir))) : undefined;
    const accounts = new Accounts(db, district ? { district } : {});
    const os = userInfo().username;
    const by = { actorId: `cli:${os}`, origin: `cli ${os}` };
    const username = values.username ?? '';
    switch (command) {
      case 'create-user': {
        const role = roleOf(values.role ?? '');
        if (!role) {
          io.err(`--role must be one of administrator, ${ACCOUNT_ROLES.filter((r) => r !== 'admin').join(', ')}.\n`);
          return 2;
        }
        const account = {
          username,
          name: values.name ?? '',
          role,
          ...(values.department ? { departmentId: values.department } : {}),
          ...(values.street ? { streetCode: values.street } : {}),
          ...(values.grids ? { gridCodes: values.grids.split(',').map((g) => g.trim()).filter(Boolean) } : {}),
        };
        const password = await io.readPassword({ fromStdin: values['password-stdin'] });
        const created = await accounts.createAccount(account, password, by);
        if (!created.ok) return refused(io, created);
        io.out(`Created ${accountLine(created.account)}\n`);
        return 0;
      }
      case 'set-password': {
        const password = await io.readPassword({ fromStdin: values['password-stdin'] });
        const changed = await accounts.setPassword(username, password, by);
        if (!changed.ok) return refused(io, changed);
        io.out(`New password set for ${username}.\n`);
        return 0;
      }
      case 'disable-user':
      case 'enable-user': {
        const changed = await accounts.setEnabled(username, command === 'enable-user', by);
        if (!changed.ok) return refused(io, changed);
        io.out(`${command === 'enable-user' ? 'Enabled' : 'Disabled'} ${accountLine(changed.account)}\n`);
        return 0;
      }
      case 'list-users': {
        for (const account of await accounts.list()) io.out(`${accountLine(account)}\n`);
        return 0;
      }
      default: {
        const read = await accounts.readAudit({ ...(values.since ? { since: values.since } : {}), ...(values.until ? { until: values.until } : {}), limit: 100_000 });
        if (!read.ok) return refused(io, read);
        await accounts.audit({ actorId: by.actorId, action: 'audit-read', target: null, detail: { since: values.since ?? null, until: values.until ?? null, rows: read.entries.length }, origin: by.origin });
        io.out(values.csv ? auditCsv(read.entries) : read.entries.map((e) => `${auditLine(e)}\n`).join(''));
        return 0;
      }
    }
  } finally {
    await db.close();
  }
}
