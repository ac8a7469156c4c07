import type { Logger } from 'pino';
import { loadDistrict } from '../district/load';
import type { District } from '../../src-shared/district/types';
import { CaseStore } from '../store/case-store';
import type { Database } from '../store/db';
import { PostgresDatabase } from '../store/postgres';
import { SqliteDatabase } from '../store/sqlite';
import { CaseService } from './case-service';
import { DistrictIndex } from './district-index';
import { People } from './people';
import { Accounts, type DistrictFacts } from '../accounts/accounts';

export type StorageConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface CaseServiceConfig {
  storage: StorageConfig;
  /** Folder of the district files; default: the demo district in resources/district. */
  districtDir?: string;
  /** Preloaded district (tests reuse one). */
  district?: District;
  demo: boolean;
  tokens?: Record<string, string>;
  clock?: () => Date;
}

export interface CaseServiceParts {
  service: CaseService;
  store: CaseStore;
  district: DistrictIndex;
  people: People;
  accounts: Accounts;
  db: Database;
}

export function openDatabase(storage: StorageConfig): Database {
  return storage.kind === 'sqlite'
    ? new SqliteDatabase(storage.file)
    : new PostgresDatabase(storage.url, storage.schema ? { schema: storage.schema } : {});
}

export function districtFacts(index: DistrictIndex): DistrictFacts {
  const streets = new Set(index.district.streets.map((s) => s.code));
  return { departmentExists: (id) => index.departmentExists(id), streetExists: (code) => streets.has(code), gridExists: (code) => index.grid(code) !== undefined };
}

/** Opens the database (migrating it), loads the district and builds the write path. */
export async function createCaseService(config: CaseServiceConfig, logger: Logger): Promise<CaseServiceParts> {
  const db = openDatabase(config.storage);
  const store = new CaseStore(db);
  const applied = await store.migrate();
  if (applied.length) logger.info({ applied, dialect: db.dialect }, 'database migrated');
  if (db instanceof SqliteDatabase) logger.info({ driver: db.driver }, 'embedded database open');
  const district = new DistrictIndex(config.district ?? (await loadDistrict(config.districtDir)));
  const accounts = new Accounts(db, { district: districtFacts(district) });
  const people = new People(district.district.users, { demo: config.demo, accounts, ...(config.tokens ? { tokens: config.tokens } : {}) });
  const service = new CaseService(store, district, logger.child({ part: 'cases' }), config.clock);
  return { service, store, district, people, accounts, db };
}
